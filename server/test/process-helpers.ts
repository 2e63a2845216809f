import { readdir, readFile, readlink } from 'node:fs/promises';

/** The pid of the process listening on 127.0.0.1:`port` (from /proc: the socket's inode, then whose fd it is). */
export async function pidListeningOn(port: number): Promise<number | null> {
  const table = await readFile('/proc/net/tcp', 'utf8');
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const inode = table
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    // local_address is "0100007F:<port>"; state 0A is LISTEN; the inode is the 10th column.
    .find((cols) => cols[1]?.endsWith(`:${hexPort}`) && cols[3] === '0A')?.[9];
  if (!inode) return null;
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const target = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      if (target === `socket:[${inode}]`) return Number(pid);
    }
  }
  return null;
}

/** The pid behind a replica's base URL (http://127.0.0.1:<port>/v1). */
export async function replicaPid(baseUrl: string): Promise<number> {
  const pid = await pidListeningOn(Number(new URL(baseUrl).port));
  if (!pid) throw new Error(`no process listens for ${baseUrl}`);
  return pid;
}
