// Incident contacts (seed 000, "Maintain current incident contacts"): the field rules shared by the
// settings page and the incident report, as valibot schemas so browser and server check the same way.
import * as v from 'valibot';
import { isValidTimeZone } from './ack-timer';
import { textRules } from './text';

export { CONTROL_CHARACTER_MESSAGE, NO_CONTROL_CHARACTERS } from './text';

export const SHORT_TEXT_MAX = 200;


/** A trimmed, single-line text of at most `max` characters; empty means "not given". */
export const shortText = (max = SHORT_TEXT_MAX) =>
  v.pipe(v.string('Enter text'), v.trim(), v.maxLength(max, `Use at most ${max} characters`), v.regex(/^[^\r\n]*$/, 'Use a single line'), ...textRules());

/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
export const E164 = /^\+[1-9]\d{1,14}$/;
export const PHONE_MESSAGE = 'Use the international E.164 format, for example +14155550123';

export const emailField = v.pipe(v.string('Enter an email address'), v.trim(), v.maxLength(254, 'Use at most 254 characters'), v.email('Enter a valid email address, for example name@example.com'));
export const phoneField = v.pipe(v.string('Enter a phone number'), v.trim(), v.regex(E164, PHONE_MESSAGE));
export const timeZoneField = v.pipe(v.string('Choose a time zone'), v.check(isValidTimeZone, 'Choose a time zone from the list (an IANA name such as Europe/Berlin)'));
const required = (what: string) => v.minLength<string, 1, string>(1, `Enter the ${what}`);

/** A complete contact, as the settings page requires for both primary and secondary. */
export const ContactSchema = v.strictObject({
  name: v.pipe(shortText(), required('name')),
  role: v.pipe(shortText(), required('role')),
  email: emailField,
  phone: phoneField,
  timeZone: timeZoneField,
});
export type Contact = v.InferOutput<typeof ContactSchema>;

/**
 * A contact on an incident report, where a partial report must still save: every field may be left
 * empty, but what is given must be valid.
 */
export const ReportContactSchema = v.strictObject({
  name: v.optional(shortText(), ''),
  role: v.optional(shortText(), ''),
  email: v.optional(v.union([v.literal(''), emailField], 'Enter a valid email address, for example name@example.com'), ''),
  phone: v.optional(v.union([v.literal(''), phoneField], PHONE_MESSAGE), ''),
});
export type ReportContact = v.InferOutput<typeof ReportContactSchema>;

export const EMPTY_REPORT_CONTACT: ReportContact = { name: '', role: '', email: '', phone: '' };

/** The report's view of a settings contact: the incident form does not ask for the time zone. */
export function toReportContact(c: Contact): ReportContact {
  return { name: c.name, role: c.role, email: c.email, phone: c.phone };
}

/** Which of a report contact's fields are still empty, in the program's order (name, role, email, phone). */
export function missingContactFields(c: ReportContact | undefined): (keyof ReportContact)[] {
  const fields: (keyof ReportContact)[] = ['name', 'role', 'email', 'phone'];
  return fields.filter((f) => !c || c[f] === '');
}
