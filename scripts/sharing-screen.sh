#!/usr/bin/env bash
# The data-sharing screen of issue 19 (expected-results/paper/sharing.md): GPO under each gpo.sharing rule
# and Single, at the paper's round length (expected-results/paper/sharing-screen.profile), one run folder
# per rule (a folder holds one set of settings), and the leader (clipped + shared critic, PPO's defaults since
# 2026-12-06). Every cell names both settings, so its row says what it ran whatever the defaults are (the
# table's labels read them: reproduce.report.SharingScreen). Cells resume; rerun to continue. Then regenerate the table:
#   java -cp gpo-bench/target/classes:$(cat gpo-bench/target/reproduce.classpath) \
#       org.gposuite.reproduce.report.SharingScreen expected-results runs/screen-*
# Usage: TASKS="Walker2d Hopper" SEEDS="1 2" RULES="literal off clipped" scripts/sharing-screen.sh
set -uo pipefail
cd "$(dirname "$0")/.."
TASKS=${TASKS:-"Walker2d HalfCheetah Hopper Ant"}
SEEDS=${SEEDS:-"1 2 3 4 5"}
RULES=${RULES:-"literal off rechecked truncated clipped penalised"}
PROFILE=expected-results/paper/sharing-screen.profile
for seed in $SEEDS; do
  for task in $TASKS; do
    for rule in $RULES; do
      # the critic named every time: the rules were screened with the own critic, PPO's default until the switch
      ./reproduce --profile $PROFILE --methods GPO --tasks "$task" --seeds "$seed" --set gpo.sharing="$rule" --set gpo.critic_data=own \
          --out "runs/screen-$rule" --no-compare || echo "sharing-screen: $task seed $seed $rule did not finish (exit $?)" >&2
    done
    # the leader, PPO's defaults since 2026-12-06, with its settings written out as its cells were made
    ./reproduce --profile $PROFILE --methods GPO --tasks "$task" --seeds "$seed" --set gpo.sharing=clipped --set gpo.critic_data=shared \
        --out runs/screen-clipped-critic --no-compare || echo "sharing-screen: $task seed $seed clipped+critic did not finish" >&2
    ./reproduce --profile $PROFILE --methods Single --tasks "$task" --seeds "$seed" --out runs/screen-single --no-compare \
        || echo "sharing-screen: $task seed $seed Single did not finish" >&2
  done
done
