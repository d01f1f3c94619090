// Public surface of @redwing/tls: TLS settings (the tls-* directives as values), context loading with errors that
// name the file, and TLS listeners/acceptors that hand finished handshakes to the event loop as 'tls' Connections.
export { DEFAULT_TLS_SETTINGS, parseProtocols } from './settings.js';
export type { AuthClients, TlsSettings, TlsVersion, ProtocolRange } from './settings.js';
export { loadTlsContext, loadTlsContextOrThrow, TlsConfigError } from './context.js';
export type { TlsContext, TlsContextResult } from './context.js';
export { TlsAcceptor, listenTls, acceptTlsOn, ClientCertificateError, DEFAULT_HANDSHAKE_TIMEOUT } from './tls-listener.js';
export type { TlsAcceptorOptions, TlsListenOptions, TlsListener } from './tls-listener.js';
export { SessionCache } from './session-cache.js';
