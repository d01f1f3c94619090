// `os` reduced to what Redis scripts may use: os.clock() (processor time of this process, in seconds).
import type { LuaEngine } from '../engine.js';
import { LuaTable } from '../value.js';

export function installOs(engine: LuaEngine): void {
  const os = new LuaTable();
  os.set('clock', () => {
    const u = process.cpuUsage();
    return [(u.user + u.system) / 1e6];
  });
  engine.globals.set('os', os);
}
