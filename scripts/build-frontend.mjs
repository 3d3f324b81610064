// Compiles frontend/scss/app.scss and copies GOV.UK Frontend's JavaScript and
// assets into frontend/dist, which Django serves (via WhiteNoise) as static files.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const out = join(root, "frontend", "dist");

rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "govuk"), { recursive: true });

const result = sass.compile(join(root, "frontend", "scss", "app.scss"), {
  style: "compressed",
  importers: [new sass.NodePackageImporter()],
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(out, "app.css"), result.css);
cpSync(join(govuk, "assets"), join(out, "govuk", "assets"), { recursive: true });
for (const file of ["all.bundle.js", "all.bundle.js.map"]) {
  cpSync(join(govuk, file), join(out, "govuk", file));
}
console.log(`frontend built into ${out}`);
