"""The training (bimtek) world on top of the seeded region: one practice pemda per trainee, the
exercises each trainee works through, how far each one got, and a reset per trainee.

* :mod:`.world`: ``setup_training`` adds, for each participant, a practice agency ("Pemda Latihan
  01") whose Diskominfo is the trainee's own unit (the trainee is its admin instansi: verifying,
  forwarding, replying and recording walk-ins are all theirs) and three OPDs to forward to, plus
  a colleague account that never signs in (it makes the conflict of the conflict exercise). The
  roster (usernames, units, passwords) is a file in the training sandbox; the passwords are
  random for each training sandbox, never in the source.
* :mod:`.exercises`: the exercise complaints, progress read from what happened in the database
  (events, replies, recorded complaints, refused actions), the per-trainee reset, and the hook
  that stages the conflict.
* :mod:`.clock`: the training world's clock, anchored where the world stopped: the wall clock
  does not move it between sessions, so nothing falls due (and nothing closes by itself) while
  the room is learning.
"""

from lapor_desk.server.training.exercises import (
    EXERCISES,
    TrainingHook,
    reset_trainee,
    training_progress,
)
from lapor_desk.server.training.world import Trainee, load_roster, setup_training

__all__ = ["EXERCISES", "Trainee", "TrainingHook", "load_roster", "reset_trainee",
           "setup_training", "training_progress"]
