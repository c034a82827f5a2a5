"""Values far from the rest of their group: the robust z-score of Iglewicz and Hoaglin.

    z = 0.6745 · (x − median) / MAD              (MAD: the median of |x − median|)

and a value is an outlier when |z| > 3.5. Prices repeat (ten sales at exactly 50 baht), which
makes the MAD 0; then the mean absolute deviation stands in for it,

    z = (x − median) / (1.253314 · MeanAD),

and when that is 0 as well, every value of the group is the same and none is an outlier. A
group smaller than MIN_GROUP is not judged: a median of three values says little.

The groups are computed by DuckDB in one pass per statistic; nothing loops over rows here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.pdpa import MASKED_ID_SQL
from .check_rows import masked_id

Z_LIMIT = 3.5
MIN_GROUP = 8
MAD_SCALE = 0.6745  # makes the MAD comparable with a standard deviation (normal data)
MEAN_AD_SCALE = 1.253314  # the same for the mean absolute deviation (√(π/2))

OUTLIER_PARAMS = {"z_limit": Z_LIMIT, "min_group": MIN_GROUP}


@dataclass(frozen=True)
class Grouping:
    """Which rows are compared with which: `values_sql` gives `grp` (the group), `x` (the value,
    DOUBLE) and the columns of a finding; `high_only` judges only values above the median."""

    values_sql: str
    high_only: bool = False

    def sql(self) -> str:
        """CTEs (`vals`, `stats`, `spread`) and a SELECT of the outliers with their group's
        median (`med`), size (`n`) and robust z (`z`)."""
        side = "z" if self.high_only else "abs(z)"
        return f"""
WITH vals AS ({self.values_sql}),
stats AS (SELECT grp, count(*) AS n, median(x) AS med FROM vals GROUP BY grp HAVING count(*) >= $min_group),
spread AS (
    SELECT v.grp, median(abs(v.x - s.med)) AS mad, avg(abs(v.x - s.med)) AS mean_ad
    FROM vals v JOIN stats s USING (grp) GROUP BY v.grp),
scored AS (
    SELECT v.*, s.n, s.med,
           CASE WHEN p.mad > 0 THEN {MAD_SCALE} * (v.x - s.med) / p.mad
                WHEN p.mean_ad > 0 THEN (v.x - s.med) / ({MEAN_AD_SCALE} * p.mean_ad) END AS z
    FROM vals v JOIN stats s USING (grp) JOIN spread p USING (grp))
SELECT * FROM scored WHERE {side} > $z_limit"""

    def findings_sql(self, where: str = "true") -> str:
        """The outliers as findings: the group's median as `reference`, z as `score`."""
        return f"""
SELECT centre_code, course_code, learner_id_masked, value, round(med, 2) AS reference, round(z, 1) AS score,
       subject, n AS group_size, batch_id, source_sheet, source_row
FROM ({self.sql()}) found WHERE {where}"""


# Sales: each row is one seller's monthly takings of one product. They are compared with the
# other rows of the same product (trimmed, lower case, spaces collapsed) in the fiscal year,
# over the whole database, so a centre's findings do not change with the unit it is seen from.
# Revenue per row, not per unit: quantity is optional and its unit (ขวด, กิโลกรัม, ชิ้น) is not
# recorded, so a price per unit would compare unlike things; a typed extra zero shows either way.
SALES = Grouping(f"""
    SELECT regexp_replace(lower(trim(s.product)), '\\s+', ' ', 'g') AS grp, s.revenue_baht::DOUBLE AS x,
           s.centre_code, s.course_code, {masked_id('s')} AS learner_id_masked, s.revenue_baht AS value,
           s.product AS subject, s.batch_id, s.source_sheet, s.source_row
    FROM sales s WHERE s.month BETWEEN $first_day AND $last_day""")

SALES_SQL = SALES.findings_sql("starts_with(centre_code, $unit_prefix)")

# Income after the course (per month, as the follow-up recorded it): compared with the other
# follow-ups of the same centre whose course ends in the fiscal year. Only values above the
# median: a graduate earning nothing is common, one earning far more than the centre's others
# is the typing slip (or the success story) to check. This is also the brief's "income after
# far above the centre's range": one rule, so one row is never reported twice for one cause.
INCOME = Grouping(f"""
    SELECT f.centre_code AS grp, f.income_after_baht::DOUBLE AS x,
           f.centre_code, f.course_code, {MASKED_ID_SQL} AS learner_id_masked, f.income_after_baht AS value,
           NULL AS subject, f.batch_id, f.source_sheet, f.source_row
    FROM follow_ups f
    JOIN courses c ON c.centre_code = f.centre_code AND c.course_code = f.course_code
    LEFT JOIN enrolments e ON e.centre_code = f.centre_code AND e.course_code = f.course_code
        AND e.learner_id = f.learner_id
    WHERE f.income_after_baht IS NOT NULL AND c.end_date BETWEEN $first_day AND $last_day
        AND starts_with(c.centre_code, $unit_prefix)""", high_only=True)

INCOME_SQL = INCOME.findings_sql()
