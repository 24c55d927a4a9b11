# sharing-probe: one round of the sharing screen (issue 19): what a sharing rule does inside one
# paper-length round. The paper profile's population (8), batch (2048), horizon (512), pi_S and DAgger
# sizes and its per-round budget (8M / 12 rounds = 666,667 steps: ~36 PPO iterations), one round.
# Read each policy's per-iteration training return, KL, beta and entropy in the cell's gpo/curve.csv.
#   ./reproduce --profile expected-results/paper/sharing-probe.profile --methods GPO --tasks HalfCheetah --seeds 1 \
#       --set gpo.sharing=clipped --set gpo.critic_data=shared --out runs/probe-clipped-critic --no-compare
description = Data-sharing probe: one paper-length round (population 8, ~36 PPO iterations), GPO only; per-iteration curves in gpo/curve.csv.
tasks = Walker2d, HalfCheetah, Ant, Hopper
seeds = 1, 2, 3, 4, 5
tables = 1
figures = 4
fig3a_task = HalfCheetah
fig5_tasks = Ant, Walker2d
assumed_steps_per_second = 31000
total_steps = 666_667
population = 8
rounds = 1
horizon = 512
batch_per_policy = 2048
joint_batch = 16384
eval_episodes = 10
pi_s_epochs = 100
dagger_initial = 5000
dagger_iterations = 10
dagger_per_iteration = 500
dagger_epochs = 10
