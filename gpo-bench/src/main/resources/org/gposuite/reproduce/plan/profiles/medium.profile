# medium: all nine tasks and every table and figure at about 1/25 of the paper's steps per
# cell, population 4 and 4 rounds, 2 seeds (the fewest that give a standard error and a Welch
# test). Enough to see whether the paper's orderings start to show.
# Cost: 134 cells x 320,000 steps = 42.9M steps, 23 minutes of computing on 2 cores (measured, the
# whole profile: ~31,000 steps/s; HalfCheetah/Hopper/Walker2d ~57,000, Ant and the hilly tasks slower).
# Figs. 7, 9, 10 add 32 cells, 10.6M steps (estimated ~6 minutes; 166 cells, 53.4M steps in all):
# Walker2d GPO at populations 2 and 8 (population 4 is the Table 1 cell), Fig. 7 at 160k/640k steps,
# Fig. 10 at 320k with batches 4096/1024; GPO and Joint on the three Gym tasks at horizons 512, 1024.
description = All nine tasks, every table and figure, 320k steps per cell, population 4, 4 rounds, 2 seeds (about 30 minutes on 2 cores).
tasks = Walker2d, HalfCheetah, HalfCheetah-hilly, Hopper-hilly, InvertedDoublePendulum, Ant, Walker2d-hilly, Swimmer, Hopper
seeds = 1, 2
tables = 1, 2, 3
figures = 3a, 4, 5, 6, 7, 8, 9, 10
fig3a_task = HalfCheetah
fig5_tasks = Ant, Walker2d
fig7_task = Walker2d
fig7_populations = 2, 4, 8
fig9_tasks = HalfCheetah-v1, Hopper-v1, Walker2d-v1
fig9_horizons = 512, 1024
assumed_steps_per_second = 31000
total_steps = 320_000
population = 4
rounds = 4
horizon = 512
batch_per_policy = 2048
joint_batch = 8192
eval_episodes = 5
pi_s_epochs = 50
dagger_initial = 2000
dagger_iterations = 5
dagger_per_iteration = 500
dagger_epochs = 10
