"""Indonesian wording for fitting the screen and speaking Indonesian everywhere (fill_id.py)."""

ID = {
    "WD: working days, Monday to Friday, not counting national holidays and collective leave "
    "days": "HK: hari kerja, Senin sampai Jumat, tidak termasuk hari libur nasional dan cuti "
            "bersama",
    "Forward the %1 selected complaints to:": "Disposisikan %1 laporan yang dipilih ke:",
}
