// Preloaded into each build step by the scale benchmark: on exit, appends the process's peak
// resident memory (kilobytes) to the file MAX_RSS_FILE names.
import { appendFileSync } from 'node:fs';

const file = process.env.MAX_RSS_FILE;
if (file) process.on('exit', () => appendFileSync(file, `${process.resourceUsage().maxRSS}\n`));
