"""The link with SP4N-LAPOR!, the national complaint system (docs/sp4n.md).

* :mod:`.records`: a complaint's national tracking number and link, written once per number
  (one national record is one complaint here), and what was sent there;
* :mod:`.connector`: what a connector to the national system does (send a report, its
  follow-ups and status; fetch the reports addressed to the agency);
* :mod:`.addstream`: the reference connector, for the public legacy ``addstream`` endpoint;
* :mod:`.run`: the sending of new complaints; :mod:`.round`: the whole round (send, push,
  fetch); :mod:`.push`: the queue of replies and statuses to send;
* :mod:`.link`: the connector and schedule ``[sp4n]`` configures; :mod:`.loop`: the round in
  the server's housekeeping, once per interval whichever worker claims it.
"""
