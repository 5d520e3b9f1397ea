"""Indonesian wording for the reporter's rating of the handling in the complaint's detail
(ui/detail_pane.py; fill_id.py)."""

ID = {
    "Reporter's rating": "Penilaian pelapor",
    "%1/5": "%1/5",
}
