#!/usr/bin/env node
// The installed command; the TypeScript sources are compiled into lib/ by `npm run build` (run on install).
require('../lib/cli/main.js')
  .main(process.argv)
  .then(() => process.exit());
