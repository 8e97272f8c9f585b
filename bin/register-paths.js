// Resolves the @mesas/* aliases of tsconfig.json to the compiled libs under dist/.
const path = require('node:path');
const tsconfigPaths = require('tsconfig-paths');
const { compilerOptions } = require('../tsconfig.json');

tsconfigPaths.register({
  baseUrl: path.join(__dirname, '..', 'dist'),
  paths: compilerOptions.paths,
});
