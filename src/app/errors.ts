// Kept so existing imports from the app layer still resolve; the type lives in src/shared.
export { AppError, conflict, forbidden, invalid, notFound } from '../shared/errors';
