// npm run bench: runs each benchmark in its own process (so memory figures are its own) and
// prints the figures next to their targets. Set BENCH_N to change the listing count.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const N = Number(process.env.BENCH_N ?? 10_000);
const RATE_SCALE = 40;

async function bench(script, args) {
  const { stdout } = await run(process.execPath, [`bench/${script}`, ...args.map(String)], {
    maxBuffer: 1 << 26,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1));
}

function check(label, ok) {
  console.log(`  ${ok ? 'met ' : 'MISS'}  ${label}`);
  return ok;
}

const results = [];
console.log(`audit: ${N} MTO listings in two marketplaces, SP-API rate x${RATE_SCALE}`);
const search = await bench('audit-throughput.js', [N, RATE_SCALE, 'search']);
console.log(JSON.stringify(search));
results.push(
  check(
    `Odoo calls ${search.odooCalls} <= ceil(N/1000)+10 = ${search.odooCallBound}`,
    search.odooCalls <= search.odooCallBound,
  ),
  check(
    `searchListingsItems calls ${search.spApiCalls.searchListingsItems} = ` +
      `${search.expectedCalls} + ${search.throttled429} retried 429s`,
    search.spApiCalls.searchListingsItems <= search.expectedCalls + search.throttled429 + 5,
  ),
  check(
    `throughput ${search.throughputFraction} of the announced ${search.announcedRate}/s >= 0.9`,
    search.throughputFraction >= 0.9,
  ),
  check(`every row read (${search.unreadRows} unread)`, search.unreadRows === 0),
);

const get = await bench('audit-throughput.js', [N, RATE_SCALE, 'get']);
console.log(JSON.stringify(get));
const ratio = get.amazonSeconds / search.amazonSeconds;
console.log(
  `  --source get took ${ratio.toFixed(1)}x as long as search ` +
    `(${get.spApiCalls.getListingsItem} calls vs ${search.spApiCalls.searchListingsItems})`,
);
results.push(
  check(`get throughput ${get.throughputFraction} >= 0.9`, get.throughputFraction >= 0.9),
);

console.log('classify and render 100,000 rows (table + CSV to a file), one cold process');
const render = await bench('render-rows.js', [100_000]);
console.log(JSON.stringify(render));
results.push(
  check(`${render.totalMs} ms < 2000 ms`, render.totalMs < 2000),
  check(`peak memory ${render.peakRssMb} MB < 400 MB`, render.peakRssMb < 400),
);

console.log('fix: 1,000 patches in one marketplace, patch rate x40');
const patch = await bench('fix-throughput.js', [1000, RATE_SCALE, 'patch']);
console.log(JSON.stringify(patch));
results.push(
  check(
    `patch throughput ${patch.throughputFraction} of the announced ${patch.announcedPatchRate}/s ` +
      `>= 0.9 (${patch.throttled429} 429s, all retried)`,
    patch.throughputFraction >= 0.9,
  ),
  check(
    `every change applied once (${patch.applied} applied, ${patch.writesApplied} writes)`,
    patch.applied === 1000 && patch.writesApplied === 1000 && patch.failed === 0,
  ),
);

console.log('fix: 20,000 changes in one marketplace through a JSON_LISTINGS_FEED');
const feed = await bench('fix-throughput.js', [20_000, RATE_SCALE, 'feed']);
console.log(JSON.stringify(feed));
results.push(
  check(
    `one feed (${feed.spApiCalls.createFeed ?? 0} createFeed, ` +
      `${feed.spApiCalls.patchListingsItem ?? 0} patches), ${feed.applied} applied`,
    feed.spApiCalls.createFeed === 1 &&
      !feed.spApiCalls.patchListingsItem &&
      feed.applied === 20_000,
  ),
);

const missed = results.filter((ok) => !ok).length;
console.log(missed === 0 ? 'all targets met' : `${missed} target(s) missed`);
process.exitCode = missed === 0 ? 0 : 1;
