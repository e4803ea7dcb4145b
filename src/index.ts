// Only the handlers manifest.yml names.
export { panelResolver } from './entry/panel';
export { globalResolver } from './entry/global';
export { adminResolver } from './entry/admin';
export { timersTrigger } from './entry/timers';
