# medium: all nine tasks and every table and figure at about 1/25 of the paper's steps per
# cell, population 4 and 4 rounds, 2 seeds (the fewest that give a standard error and a Welch
# test). Enough to see whether the paper's orderings start to show.
# Cost: 134 cells x 320,000 steps = 42.9M steps, 23 minutes of computing on 2 cores (measured, the
# whole profile: ~31,000 steps/s; HalfCheetah/Hopper/Walker2d ~57,000, Ant and the hilly tasks slower).
description = All nine tasks, every table and figure, 320k steps per cell, population 4, 4 rounds, 2 seeds (about 25 minutes on 2 cores).
tasks = Walker2d, HalfCheetah, HalfCheetah-hilly, Hopper-hilly, InvertedDoublePendulum, Ant, Walker2d-hilly, Swimmer, Hopper
seeds = 1, 2
tables = 1, 2, 3
figures = 3a, 4, 5, 6, 8
fig3a_task = HalfCheetah
fig5_tasks = Ant, Walker2d
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
