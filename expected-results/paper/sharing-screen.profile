# sharing-screen: the data-sharing rules (gpo.sharing, issue 19) screened at the paper's round length.
# The paper profile's population (8), batch (2048), horizon (512), pi_S and DAgger sizes, and its per-round
# budget (8M / 12 rounds = 666,667 steps: ~36 PPO iterations a round, the length at which the literal
# reading of Eq. 5 hurts), but 4 rounds instead of 12 (2,666,667 steps). A screen only: the winner is
# confirmed at the full budget (expected-results/paper/sharing.md).
# Run each rule into its own folder (cell ids do not carry settings):
#   ./reproduce --profile expected-results/paper/sharing-screen.profile --set gpo.sharing=RULE --out runs/screen-RULE --no-compare
description = Data-sharing screen: paper round length (population 8, ~36 iterations a round), 4 rounds, GPO and Single on the four screen tasks.
tasks = Walker2d, HalfCheetah, Ant, Hopper
seeds = 1, 2, 3, 4, 5
tables = 1
figures = 4
fig3a_task = HalfCheetah
fig5_tasks = Ant, Walker2d
assumed_steps_per_second = 31000
total_steps = 2_666_667
population = 8
rounds = 4
horizon = 512
batch_per_policy = 2048
joint_batch = 16384
eval_episodes = 10
pi_s_epochs = 100
dagger_initial = 5000
dagger_iterations = 10
dagger_per_iteration = 500
dagger_epochs = 10
