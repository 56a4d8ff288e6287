// How many threads a command line's searches will run on, read before the
// program is loaded, so that their workers start while it loads
// (checker/worker-pool.ts): `check --workers N`, unless its scopes run in
// threads of their own (--jobs, --deep: cli/check-by-scope.ts), whose
// searches start their own workers. Anything else, or a malformed number
// (the parser reports it), is 1.
export function searchThreadsAsked(argv: readonly string[]): number {
  if (argv[0] !== 'check' || argv.some((a) => a === '--deep' || a === '--jobs' || a.startsWith('--jobs='))) return 1;
  let asked = '1';
  argv.forEach((a, i) => {
    if (a === '--workers' && i + 1 < argv.length) asked = argv[i + 1];
    else if (a.startsWith('--workers=')) asked = a.slice('--workers='.length);
  });
  return /^[1-9][0-9]{0,2}$/.test(asked) ? Number(asked) : 1;
}
