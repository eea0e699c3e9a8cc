// Removes build output so the next build starts from nothing.
import { rmSync } from "node:fs";
for (const dir of ["dist", "devhost/dist"]) rmSync(new URL(`../${dir}`, import.meta.url), { recursive: true, force: true });
