// Preloaded (-r) into a server spawned with --cpu-prof: SIGUSR2 exits normally so that Node
// writes the .cpuprofile (a signal-terminated process writes none).
process.on('SIGUSR2', () => process.exit(0));
