// What a long build step is doing: counts and elapsed time, printed on a terminal and quiet in CI
// (or anywhere output is not a terminal) unless BUILD_PROGRESS=1 asks for it.
export type Progress = { step: (what: string) => void; enabled: boolean };

export function progress(name: string): Progress {
  const asked = process.env.BUILD_PROGRESS;
  const enabled = asked === undefined ? Boolean(process.stdout.isTTY) && !process.env.CI : asked === '1';
  const started = performance.now();
  return {
    enabled,
    step(what) {
      if (!enabled) return;
      const seconds = ((performance.now() - started) / 1000).toFixed(1).padStart(5);
      process.stdout.write(`${name} ${seconds} s  ${what}\n`);
    },
  };
}
