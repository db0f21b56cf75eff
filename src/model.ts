/** The widget's public data model lives with the protocol types it is built from (one source of truth). */
export * from './protocol/model.js';
