"""คุณภาพข้อมูล — which centres sent which month's data, and what to check before the year's report."""

import datetime as dt

from pimpa_data.app import check_view, ui

scope = ui.current_scope()
ui.page_header("page_data_quality", scope)
check_view.show_arrivals(scope)
check_view.show_findings(scope, dt.date.today())
