// Moved to scripts/lib/installPackage.ts, so that the demo installs the package the way the tests do.
export { installPackage, REPO_ROOT } from "../../../scripts/lib/installPackage";
