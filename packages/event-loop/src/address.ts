// Address strings as Redis prints them in CLIENT LIST (`addr=`, `laddr=`): `ip:port` for IPv4, `[ip]:port` for
// IPv6, `<unixsocket path>:0` for Unix sockets. IPv4-mapped IPv6 addresses (`::ffff:1.2.3.4`, seen when a
// dual-stack socket accepts an IPv4 peer) are shown as plain IPv4. Hard-codes Redis's wording of addresses.

/** Format an ip/port pair as Redis does; `?:0` when the address is unknown (socket already gone). */
export function formatAddress(ip: string | undefined, port: number | undefined): string {
  if (ip === undefined || ip === '') return '?:0';
  let host = ip;
  if (host.startsWith('::ffff:') && host.indexOf('.') > 0) host = host.slice(7);
  const p = port ?? 0;
  return host.includes(':') ? `[${host}]:${p}` : `${host}:${p}`;
}

/** The address of a Unix-socket client (both ends): the listening path followed by `:0`. */
export function formatUnixAddress(path: string): string {
  return `${path}:0`;
}
