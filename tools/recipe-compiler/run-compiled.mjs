// bfs on the compiled pinbench (tools/recipe-compiler spike)
const D = process.env.DIST ?? '/work/main/dist';
const { bfs } = await import(D + '/checker/search.js');
const { pinbench } = await import(D + '/bench/pinbench.js');
const { pinbench: c } = await import(process.argv[2] ?? '/tmp/pb.words.mjs');
const m = {
  ...pinbench,
  name: 'pinbench-compiled',
  layout: { ...pinbench.layout, wordView: (buf) => buf, intact: () => true },
  actions: (w, out) => c.actions(w, 0, out),
  next: (w, a) => c.next(w, 0, a),
  properties: c.properties.map((p) => ({ ...p, holds: (w) => p.holds(w, 0) })),
};
const t = performance.now();
const r = bfs(m, { keepGoing: true });
const s = (performance.now() - t) / 1000;
console.log(`compiled ${s.toFixed(2)} s`, r.stats.distinct, r.stats.generated, JSON.stringify(r.stats.levels) === JSON.stringify([1,5,24,121,609,2334].concat(r.stats.levels.slice(6))) ? 'levels-start-ok' : 'LEVELS?', r.verdicts.map((v) => v.status).join(','));
