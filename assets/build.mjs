// Builds the front-end into static/build/: GOV.UK Frontend compiled with Sass,
// its JavaScript and images, and the app's own script. Nothing is fetched at run time.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import * as sass from "sass";

const govuk = "node_modules/govuk-frontend/dist/govuk";
const out = "static/build";

mkdirSync(`${out}/css`, { recursive: true });
mkdirSync(`${out}/js`, { recursive: true });

const result = sass.compile("assets/scss/main.scss", {
  loadPaths: ["node_modules"],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["mixed-decls", "import", "global-builtin"],
});
// Sass passes a function it does not know through as plain CSS, which browsers then ignore: a helper that
// GOV.UK Frontend no longer has must fail the build rather than silently lose a colour on the page.
const unknown = result.css.match(/govuk-[a-z-]+\(/);
if (unknown) {
  throw new Error(`The stylesheet calls ${unknown[0]}), which Sass does not know`);
}
writeFileSync(`${out}/css/app.css`, result.css);

cpSync(`${govuk}/govuk-frontend.min.js`, `${out}/js/govuk-frontend.min.js`);
cpSync("assets/js/app.mjs", `${out}/js/app.mjs`);
cpSync("assets/js/js-enabled.js", `${out}/js/js-enabled.js`);
cpSync(`${govuk}/assets/images`, `${out}/assets/images`, { recursive: true });
cpSync(`${govuk}/assets/manifest.json`, `${out}/assets/manifest.json`);

console.log(`Front-end built into ${out}/`);
