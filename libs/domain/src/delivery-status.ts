// The order lives with the shared contracts: the console needs it too.
export { advancesDelivery } from '@parley/contracts';
