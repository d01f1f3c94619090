// CLIENT LIST / CLIENT INFO lines, with the fields Redis 7.0 prints in its order, and client-type matching for
// CLIENT LIST TYPE / CLIENT KILL TYPE. Network facts (qbuf, omem, ...) come from the client's host.
import { CF, type Client } from '../client.js';

export type ClientType = 'normal' | 'replica' | 'pubsub' | 'master';

/** Redis's getClientTypeByName: normal, slave/replica, pubsub, master (any case); undefined otherwise. */
export function clientTypeByName(name: string): ClientType | undefined {
  switch (name.toLowerCase()) {
    case 'normal':
      return 'normal';
    case 'slave':
    case 'replica':
      return 'replica';
    case 'pubsub':
      return 'pubsub';
    case 'master':
      return 'master';
    default:
      return undefined;
  }
}

/** A client's type (no replication yet: every client is normal or pubsub; MONITOR clients count as normal). */
export function clientType(c: Client): ClientType {
  if (c.flags & CF.PUBSUB || c.channels.size + c.patterns.size + c.shardChannels.size > 0) return 'pubsub';
  return 'normal';
}

function flagString(c: Client): string {
  const f = c.flags;
  let s = '';
  if (f & CF.MONITOR) s += 'O';
  if (f & CF.PUBSUB || c.channels.size + c.patterns.size + c.shardChannels.size > 0) s += 'P';
  if (f & CF.MULTI) s += 'x';
  if (f & CF.BLOCKED) s += 'b';
  if (f & CF.TRACKING) s += 't';
  if (f & CF.DIRTY_CAS) s += 'd';
  if (f & CF.CLOSE_AFTER_REPLY) s += 'c';
  if (f & CF.CLOSE_ASAP) s += 'A';
  if (f & CF.UNIX_SOCKET) s += 'U';
  if (f & CF.NO_EVICT) s += 'e';
  return s === '' ? 'N' : s;
}

/** Bytes of a command line in multibulk form (what the query buffer holds while the command runs). */
function multibulkLength(argv: readonly string[]): number {
  let n = 1 + String(argv.length).length + 2;
  for (const a of argv) n += 1 + String(a.length).length + 2 + a.length + 2;
  return n;
}

function argvBytes(argv: readonly string[]): number {
  let n = 0;
  for (const a of argv) n += a.length;
  return n;
}

/** One CLIENT LIST line (no trailing newline). `self` is the client running CLIENT LIST/INFO. */
export function clientInfoLine(cl: Client, self: Client, nowMs: number): string {
  const net = cl.host?.listFields?.(cl) ?? {};
  const num = (k: string, dflt: number): number => {
    const v = net[k];
    return typeof v === 'number' ? v : v !== undefined ? Number(v) : dflt;
  };
  const running = cl === self;
  let qbuf = num('qbuf', 0);
  if (running) qbuf = Math.max(qbuf, multibulkLength(cl.argv));
  const argvMem = running ? argvBytes(cl.argv) : 0;
  let multiMem = 0;
  for (const q of cl.multiQueue) multiMem += argvBytes(q.argv);
  const omem = running ? 0 : num('omem', 0);
  const qbufFree = num('qbuf-free', 0);
  const rbs = num('rbs', 16384);
  const rbp = num('rbp', 0);
  const totMem = qbuf + qbufFree + argvMem + multiMem + rbs + omem + 1024;
  const cmd = running ? cl.cmd : cl.lastCmd;
  const age = Math.floor((nowMs - cl.ctime) / 1000);
  const idle = Math.floor((nowMs - cl.lastInteraction) / 1000);
  return (
    `id=${cl.id} addr=${cl.conn.addr} laddr=${cl.conn.laddr} fd=${cl.conn.fd} name=${cl.name} ` +
    `age=${Math.max(0, age)} idle=${Math.max(0, idle)} flags=${flagString(cl)} db=${cl.db.id} ` +
    `sub=${cl.channels.size} psub=${cl.patterns.size} ssub=${cl.shardChannels.size} ` +
    `multi=${cl.flags & CF.MULTI ? cl.multiQueue.length : -1} qbuf=${qbuf} qbuf-free=${qbufFree} ` +
    `argv-mem=${argvMem} multi-mem=${multiMem} rbs=${rbs} rbp=${rbp} obl=${num('obl', 0)} oll=${num('oll', 0)} ` +
    `omem=${omem} tot-mem=${totMem} events=r cmd=${cmd ? cmd.declaredName : 'NULL'} user=${cl.user} ` +
    `redir=-1 resp=${cl.resp}`
  );
}
