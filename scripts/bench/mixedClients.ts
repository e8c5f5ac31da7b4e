/**
 * The load generator of `npm run bench:load`, run as its own process so the server's event loop and the clients'
 * never share a core's time slice unseen. Each client is one phone: its own connection (keep-alive, one socket),
 * requests one after another. Voters log in, check in, open the ballot and cast once; readers page through the
 * public portal until the time is up; one ceiling client asks /healthz (no database, no rendering) all along.
 * Prints one JSON line: per group every latency, and per client the total time it spent waiting.
 */
import { Agent, request } from 'node:http';

const { base, voters, readers, seconds, code, sessionId, pollId, pollPath, clerkCookie, password, town, year } = JSON.parse(process.argv[2]!) as {
  base: string; voters: number; readers: number; seconds: number; code: string; sessionId: string; pollId: string; pollPath: string;
  clerkCookie: string; password: string; town: string; year: number;
};

interface Group { latencies: number[]; waits: number[]; errors: number; done: number; why: Record<string, number> }
const group = (): Group => ({ latencies: [], waits: [], errors: 0, done: 0, why: {} });
const out = { voters: group(), readers: group(), ceiling: group(), clerk: group(), seconds: 0, pollOpenedAfter: 0 };

class Phone {
  private agent = new Agent({ keepAlive: true, maxSockets: 1 });
  cookie = '';
  wait = 0;
  constructor(private g: Group) {}
  async send(path: string, form?: Record<string, string>): Promise<{ status: number; location: string; body: string }> {
    const t = performance.now();
    const body = form ? new URLSearchParams(form).toString() : undefined;
    try {
      const res = await new Promise<{ status: number; location: string; body: string; cookies: string[] }>((resolve, reject) => {
        const req = request(base + path, {
          agent: this.agent, method: form ? 'POST' : 'GET',
          headers: {
            ...(form ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body!), origin: base } : {}),
            ...(this.cookie ? { cookie: this.cookie } : {}),
          },
        }, (r) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => resolve({
            status: r.statusCode ?? 0, location: String(r.headers.location ?? ''), body: Buffer.concat(chunks).toString('utf8'),
            cookies: r.headers['set-cookie'] ?? [],
          }));
          r.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      });
      const session = res.cookies.find((c) => c.startsWith('minsheng_session='));
      if (session) this.cookie = session.split(';')[0]!;
      if (res.status >= 500) this.failed(String(res.status));
      return res;
    } catch (e) {
      this.failed((e as NodeJS.ErrnoException).code ?? 'error');
      return { status: 0, location: '', body: '' };
    } finally {
      const ms = performance.now() - t;
      this.g.latencies.push(ms);
      this.wait += ms;
    }
  }
  close() { this.agent.destroy(); }
  private failed(why: string) {
    this.g.errors++;
    this.g.why[why] = (this.g.why[why] ?? 0) + 1;
  }
}

const t0 = performance.now();
const until = t0 + seconds * 1000;

// The clerk opens the poll as soon as it will open (a quorum checked in); voters who checked in wait for it.
const clerk = new Phone(out.clerk);
clerk.cookie = clerkCookie;
let checkedIn = 0;
let opening: Promise<boolean> | undefined;
let markOpen!: () => void;
const pollOpen = new Promise<void>((r) => { markOpen = r; });
async function tryOpen() {
  if (opening) return;
  // The session first adopts its 票决办法 (everyone checked in so far in favour), as a real poll requires; a secret
  // poll then opens on the page that shows its box's slips.
  opening = (async () => {
    await clerk.send(`/j/${town}/sessions/${sessionId}/procedure`, { for: String(checkedIn), against: '0', abstain: '0' });
    const r = await clerk.send(`${pollPath}/open`, {});
    return r.status === 303 || (r.status === 200 && r.body.includes('slip-code'));
  })();
  if (await opening) {
    out.pollOpenedAfter = (performance.now() - t0) / 1000;
    markOpen();
  } else opening = undefined;
}

async function voter(i: number) {
  const p = new Phone(out.voters);
  const username = `bt.rep${String(i + 1).padStart(4, '0')}`;
  const login = await p.send('/login', { username, password });
  if (login.status === 303) {
    if ((await p.send(`/j/${town}/vote/checkin`, { sessionId, code })).status === 303 && ++checkedIn > voters / 2) void tryOpen();
    await pollOpen;
    const ballot = await p.send(`/j/${town}/vote`);
    const options = [...ballot.body.matchAll(/name="m(\d+)" value="for"/g)].map((m) => m[1]!);
    const marks = Object.fromEntries(options.map((id, k) => [`m${id}`, k < 2 ? 'for' : 'against']));
    const cast = await p.send(`/j/${town}/vote/${pollId}`, marks);
    if (cast.status === 303 && performance.now() < until) out.voters.done++;
  }
  out.voters.waits.push(p.wait);
  p.close();
}

async function reader(i: number) {
  const p = new Phone(out.readers);
  const pages = [`/p/${town}`, `/p/${town}/${year}`, `/p/${town}/${year}?page=2`, '/'];
  let k = i;
  while (performance.now() < until) {
    const r = await p.send(pages[k++ % pages.length]!);
    if (r.status === 200) out.readers.done++;
  }
  out.readers.waits.push(p.wait);
  p.close();
}

async function ceiling() {
  const p = new Phone(out.ceiling);
  while (performance.now() < until) if ((await p.send('/healthz')).status === 200) out.ceiling.done++;
  out.ceiling.waits.push(p.wait);
  p.close();
}

setTimeout(() => markOpen(), seconds * 1000).unref(); // never open: voters go on and fail visibly
await Promise.all([
  ...Array.from({ length: voters }, (_, i) => voter(i)),
  ...Array.from({ length: readers }, (_, i) => reader(i)),
  ceiling(),
]);
out.seconds = (performance.now() - t0) / 1000;
process.stdout.write(JSON.stringify(out) + '\n');
