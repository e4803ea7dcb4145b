// Only the handlers manifest.yml names.
export { panelResolver } from './entry/panel';
export { contextResolver } from './entry/context';
export { globalResolver } from './entry/global';
export { adminResolver } from './entry/admin';
export { timersTrigger } from './entry/timers';
