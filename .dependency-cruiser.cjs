// The same rules for the depcruise CLI (graphs: `npx depcruise libs --output-type dot`). The gate
// is `npm run lint`, which also applies tools/lint/allow-list.cjs; the bare CLI reports those too.
const { configFor } = require('./tools/lint/boundary-rules.cjs');
const { forbidden, options } = configFor(__dirname);
module.exports = { forbidden, options };
