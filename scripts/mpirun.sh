#!/usr/bin/env bash
# Starts an MPI job on this machine the way Distill's tests and docs do: Open MPI's mpirun with the
# flags a container needs. Usage: scripts/mpirun.sh -np K COMMAND [ARGS...]
#   --allow-run-as-root   containers often run as root, which mpirun refuses by default;
#   --oversubscribe       more ranks than cores is allowed (K = 3 on a 2-core box);
#   --bind-to none        ranks are not pinned to one core each (they share the cores with torch's threads);
#   --mca btl self,vader  loopback + shared memory only: no network transport is tried;
#   btl_vader_single_copy_mechanism none: CMA/ptrace-based single copy is often denied in containers.
set -euo pipefail
exec mpirun --allow-run-as-root --oversubscribe --bind-to none \
  --mca btl self,vader --mca btl_vader_single_copy_mechanism none "$@"
