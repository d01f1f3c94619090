// MEMORY DOCTOR: Redis's report for a small instance (its advice engine is about jemalloc, which we do not have).
import type { CommandHandler } from '../types.js';

export const memoryDoctorCommand: CommandHandler = (c, e) => {
  const used = e.keyspace.usedMemory();
  const report =
    used < 1024 * 1024 * 5
      ? 'Hi Sam, this instance is empty or is using very little memory, my issues detector can\'t be used in these conditions. Please, leave for your mission on Earth and fill it with some data. The new Sam and I will be back to our programming as soon as I finished rebooting.\n'
      : 'Hi Sam, I can\'t find any memory issue in your instance. I can only account for what occurs on this base.\n';
  c.reply.verbatim(report, 'txt');
};
