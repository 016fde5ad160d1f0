// The child-process server moved to tests/helpers, where the crash harness uses it too.
export { ServerProcess } from '../helpers/server-process';
