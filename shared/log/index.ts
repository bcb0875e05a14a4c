export { MASK, Redactor, redactText, redactUrl } from './redact';
