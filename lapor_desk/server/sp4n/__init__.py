"""The link with SP4N-LAPOR!, the national complaint system (docs/sp4n.md).

* :mod:`.records`: a complaint's national tracking number and link, written once per number
  (one national record is one complaint here), and what was sent there;
* :mod:`.connector`: what a connector to the national system does (send a report, its
  follow-ups and status; fetch the reports addressed to the agency);
* :mod:`.addstream`: the reference connector, for the public legacy ``addstream`` endpoint;
* :mod:`.run`: one round of sending, from the command line or the housekeeping loop.
"""
