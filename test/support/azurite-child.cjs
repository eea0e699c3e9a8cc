// Runs Azurite for a parent that holds an IPC channel to this process, and exits when the channel
// closes: a parent killed with SIGKILL (a timed-out test, a Ctrl-C'd script) cannot leave it running.
process.on("disconnect", () => process.exit(0));
const [entry, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], entry, ...args];
require(entry);
