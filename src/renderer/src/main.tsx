/**
 * Renderer entry, kept tiny: the first screen's reads start (earlyReads.ts) as soon as this small
 * script runs, and the rest of the renderer (React, Mantine, the pages: boot.tsx) loads meanwhile, so
 * the core's answer is ready by the time the list can be drawn.
 */
import './earlyReads';

void import('./boot');
