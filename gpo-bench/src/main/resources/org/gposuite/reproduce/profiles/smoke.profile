# smoke: CI-sized. Every table and figure, every code path of the harness and of each method
# (GPO rounds with mutate/select/crossover incl. pi_S and DAgger, Single, Joint, the ablations,
# the crossover probe), on the two cheapest tasks with tiny budgets. The numbers are far below
# the paper's and say nothing about its claims; they are a deterministic regression fixture.
# Cost: 38 cells x 20,000 steps = 760,000 steps, about 1 minute (measured; 15,000-19,000 steps/s)
# on 2 cores, plus JVM and nd4j start-up.
description = CI-sized run of every table and figure on Swimmer and InvertedDoublePendulum with tiny budgets (a few minutes on 2 cores).
tasks = Swimmer, InvertedDoublePendulum
seeds = 1, 2
tables = 1, 2, 3
figures = 3a, 4, 5, 6, 8
fig3a_task = Swimmer
fig5_tasks = Swimmer
assumed_steps_per_second = 15000
total_steps = 20_000
population = 2
rounds = 2
horizon = 200
batch_per_policy = 1000
joint_batch = 2000
eval_episodes = 2
pi_s_epochs = 5
dagger_initial = 500
dagger_iterations = 2
dagger_per_iteration = 250
dagger_epochs = 2
