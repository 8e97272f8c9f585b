/** DI tokens of the ports, so that handlers depend on the port and never on an adapter. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const DOCUMENT_STORE = Symbol('DOCUMENT_STORE');
export const AUTH_SECRET = Symbol('AUTH_SECRET');
