"""The clinical numbers a patient sees, pinned: one list, kept in this repository.

Every value below was re-checked on 2026-12-03 against the current FDA label, an FDA review or
notice, the trial's own paper (by DOI or PMID) or an NCI PDQ summary; the row it pins carries
the same source, the place in the source (`locator`) and the check date. A later edit that
changes one of these numbers or its source fails here, loudly: change the pin only together with
a new check of the source, and say why in the commit.
"""

from __future__ import annotations

import pytest

from components import frequencies

SE, OC, ON, IND, PR, CMP = (
    "side_effects", "outcomes", "option_numbers", "indications", "prices", "comparisons"
)
KEYS = {SE: "row_id", OC: "row_id", ON: "number_id", IND: "indication_id", PR: "price_id",
        CMP: "compare_id"}

# (table, row key, column, pinned value, the row's source_id)
PINNED: list[tuple[str, str, str, object, str]] = [
    (SE, 'kymriah_ball__crs', 'any_grade_per_100', 79, 'PI-Kymriah-2018'),
    (SE, 'kymriah_ball__crs', 'grade3_per_100', 49, 'PI-Kymriah-2018'),
    (SE, 'kymriah_ball__neuro', 'any_grade_per_100', 65, 'FDA-AppSum-Kymriah-ALL-2019'),
    (SE, 'kymriah_lbcl__crs', 'any_grade_per_100', 74, 'PI-Kymriah-2018'),
    (SE, 'kymriah_lbcl__crs', 'grade3_per_100', 23, 'PI-Kymriah-2018'),
    (SE, 'kymriah_lbcl__neuro', 'any_grade_per_100', 21, 'JULIET-NEJM-2019'),
    (SE, 'kymriah_lbcl__neuro', 'grade3_per_100', 12, 'JULIET-NEJM-2019'),
    (SE, 'kymriah_lbcl__cytopenia', 'grade3_per_100', 32, 'JULIET-NEJM-2019'),
    (SE, 'kymriah_lbcl__infection', 'grade3_per_100', 20, 'JULIET-NEJM-2019'),
    (SE, 'yescarta_lbcl_3l__crs', 'any_grade_per_100', 94, 'PI-Yescarta-2017'),
    (SE, 'yescarta_lbcl_3l__crs', 'grade3_per_100', 13, 'PI-Yescarta-2017'),
    (SE, 'yescarta_lbcl_3l__neuro', 'any_grade_per_100', 87, 'PI-Yescarta-2017'),
    (SE, 'yescarta_lbcl_3l__neuro', 'grade3_per_100', 31, 'PI-Yescarta-2017'),
    (SE, 'yescarta_lbcl_2l__crs', 'any_grade_per_100', 92, 'ZUMA-7-FDA-CCR-2023'),
    (SE, 'yescarta_lbcl_2l__crs', 'grade3_per_100', 7, 'ZUMA-7-FDA-CCR-2023'),
    (SE, 'yescarta_lbcl_2l__neuro', 'any_grade_per_100', 74, 'ZUMA-7-FDA-CCR-2023'),
    (SE, 'yescarta_lbcl_2l__neuro', 'grade3_per_100', 25, 'ZUMA-7-FDA-CCR-2023'),
    (SE, 'yescarta_fl__crs', 'any_grade_per_100', 84, 'PI-Yescarta'),
    (SE, 'yescarta_fl__crs', 'grade3_per_100', 8, 'PI-Yescarta'),
    (SE, 'yescarta_fl__neuro', 'grade3_per_100', 21, 'PI-Yescarta'),
    (SE, 'tecartus_mcl__crs', 'any_grade_per_100', 91, 'PI-Tecartus'),
    (SE, 'tecartus_mcl__crs', 'grade3_per_100', 18, 'PI-Tecartus'),
    (SE, 'tecartus_mcl__crs', 'died_n', 1, 'PI-Tecartus'),
    (SE, 'tecartus_mcl__neuro', 'any_grade_per_100', 81, 'PI-Tecartus'),
    (SE, 'tecartus_mcl__neuro', 'grade3_per_100', 37, 'PI-Tecartus'),
    (SE, 'tecartus_mcl__neuro', 'died_n', 0, 'PI-Tecartus'),
    (SE, 'tecartus_mcl__infection', 'grade3_per_100', 32, 'ZUMA-2-NEJM-2020'),
    (SE, 'tecartus_ball__crs', 'any_grade_per_100', 92, 'FDA-AppSum-Tecartus-ALL'),
    (SE, 'tecartus_ball__crs', 'grade3_per_100', 26, 'FDA-AppSum-Tecartus-ALL'),
    (SE, 'tecartus_ball__neuro', 'any_grade_per_100', 87, 'FDA-AppSum-Tecartus-ALL'),
    (SE, 'tecartus_ball__neuro', 'grade3_per_100', 35, 'FDA-AppSum-Tecartus-ALL'),
    (SE, 'tecartus_ball__serious', 'any_grade_per_100', 79, 'FDA-AppSum-Tecartus-ALL'),
    (SE, 'breyanzi_lbcl_3l__crs', 'any_grade_per_100', 42, 'TRANSCEND-NHL001-Lancet-2020'),
    (SE, 'breyanzi_lbcl_3l__crs', 'grade3_per_100', 2, 'TRANSCEND-NHL001-Lancet-2020'),
    (SE, 'breyanzi_lbcl_3l__neuro', 'any_grade_per_100', 30, 'TRANSCEND-NHL001-Lancet-2020'),
    (SE, 'breyanzi_lbcl_3l__neuro', 'grade3_per_100', 10, 'TRANSCEND-NHL001-Lancet-2020'),
    (SE, 'breyanzi_lbcl_2l__crs', 'grade3_per_100', 1, 'TRANSFORM-Blood-2023'),
    (SE, 'breyanzi_lbcl_2l__neuro', 'grade3_per_100', 4, 'TRANSFORM-Blood-2023'),
    (SE, 'breyanzi_cll__crs', 'any_grade_per_100', 85, 'Siddiqi-Lancet-2023'),
    (SE, 'breyanzi_cll__crs', 'grade3_per_100', 9, 'Siddiqi-Lancet-2023'),
    (SE, 'breyanzi_cll__neuro', 'any_grade_per_100', 45, 'Siddiqi-Lancet-2023'),
    (SE, 'breyanzi_cll__neuro', 'grade3_per_100', 19, 'Siddiqi-Lancet-2023'),
    (SE, 'breyanzi_fl__crs', 'any_grade_per_100', 58, 'TRANSCEND-FL-NatMed-2024'),
    (SE, 'breyanzi_fl__crs', 'grade3_per_100', 1, 'TRANSCEND-FL-NatMed-2024'),
    (SE, 'breyanzi_fl__neuro', 'any_grade_per_100', 15, 'TRANSCEND-FL-NatMed-2024'),
    (SE, 'breyanzi_fl__neuro', 'grade3_per_100', 2, 'TRANSCEND-FL-NatMed-2024'),
    (SE, 'abecma_mm__crs', 'any_grade_per_100', 85, 'FDA-Review-Abecma-CCR-2022'),
    (SE, 'abecma_mm__crs', 'grade3_per_100', 9, 'FDA-Review-Abecma-CCR-2022'),
    (SE, 'abecma_mm__crs', 'died_n', 1, 'FDA-Review-Abecma-CCR-2022'),
    (SE, 'abecma_mm__neuro', 'any_grade_per_100', 18, 'KarMMa-NEJM-2021'),
    (SE, 'abecma_mm__neuro', 'grade3_per_100', 3, 'KarMMa-NEJM-2021'),
    (SE, 'abecma_mm__cytopenia', 'grade3_per_100', 2, 'FDA-Review-Abecma-CCR-2022'),
    (SE, 'abecma_mm__cytopenia', 'died_n', 2, 'FDA-Review-Abecma-CCR-2022'),
    (SE, 'abecma_mm__serious', 'any_grade_per_100', 67, 'FDA-Review-Abecma-CCR-2022'),
    (SE, 'carvykti_mm__crs', 'any_grade_per_100', 95, 'FDA-Review-Carvykti-CCR-2024'),
    (SE, 'carvykti_mm__crs', 'grade3_per_100', 5, 'FDA-Review-Carvykti-CCR-2024'),
    (SE, 'carvykti_mm__crs', 'died_n', 1, 'FDA-Review-Carvykti-CCR-2024'),
    (SE, 'carvykti_mm__neuro', 'grade3_per_100', 11, 'FDA-Review-Carvykti-CCR-2024'),
    (SE, 'carvykti_mm__mnt', 'any_grade_per_100', 5, 'Cohen-BCJ-2022'),
    (SE, 'carvykti_mm__serious', 'any_grade_per_100', 55, 'FDA-Review-Carvykti-CCR-2024'),
    (SE, 'aucatzyl_ball__crs', 'any_grade_per_100', 75, 'FDA-Aucatzyl-ALL-2024'),
    (SE, 'aucatzyl_ball__crs', 'grade3_per_100', 3, 'FDA-Aucatzyl-ALL-2024'),
    (SE, 'aucatzyl_ball__neuro', 'any_grade_per_100', 64, 'FDA-Aucatzyl-ALL-2024'),
    (SE, 'aucatzyl_ball__neuro', 'grade3_per_100', 12, 'FDA-Aucatzyl-ALL-2024'),
    (SE, 'aucatzyl_ball__icans', 'any_grade_per_100', 24, 'FDA-Aucatzyl-ALL-2024'),
    (SE, 'aucatzyl_ball__icans', 'grade3_per_100', 7, 'FDA-Aucatzyl-ALL-2024'),
    (SE, 'kymriah_ball__early_death', 'died_n', 2, 'PI-Kymriah-2018'),
    (SE, 'kymriah_lbcl__early_death', 'died_n', 3, 'PI-Kymriah-2018'),
    (SE, 'kymriah_fl__crs', 'any_grade_per_100', 48.5, 'ELARA-NatMed-2022'),
    (SE, 'kymriah_fl__crs', 'grade3_per_100', 0, 'ELARA-NatMed-2022'),
    (SE, 'kymriah_fl__neuro', 'any_grade_per_100', 37.1, 'ELARA-NatMed-2022'),
    (SE, 'kymriah_fl__neuro', 'grade3_per_100', 3, 'ELARA-NatMed-2022'),
    (SE, 'kymriah_fl__icans', 'any_grade_per_100', 4.1, 'ELARA-NatMed-2022'),
    (SE, 'kymriah_fl__icans', 'grade3_per_100', 1, 'ELARA-NatMed-2022'),
    (SE, 'abecma_mm__k3_crs', 'any_grade_per_100', 88, 'KarMMa-3-NEJM-2023'),
    (SE, 'abecma_mm__k3_crs', 'grade3_per_100', 5, 'KarMMa-3-NEJM-2023'),
    (SE, 'abecma_mm__k3_neuro', 'any_grade_per_100', 15, 'KarMMa-3-NEJM-2023'),
    (SE, 'abecma_mm__k3_neuro', 'grade3_per_100', 3, 'KarMMa-3-NEJM-2023'),
    (SE, 'abecma_mm__early_death', 'any_grade_per_100', 12, 'KarMMa-3-Blood-2024'),
    (SE, 'abecma_mm__early_death', 'died_n', 30, 'KarMMa-3-Blood-2024'),
    (SE, 'carvykti_mm__cytopenia', 'grade3_per_100', 1, 'FDA-Review-Carvykti-CCR-2024'),
    (SE, 'carvykti_mm__c4_crs', 'any_grade_per_100', 76.1, 'CARTITUDE-4-NEJM-2023'),
    (SE, 'carvykti_mm__c4_crs', 'grade3_per_100', 1.1, 'CARTITUDE-4-NEJM-2023'),
    (SE, 'carvykti_mm__c4_icans', 'any_grade_per_100', 4.5, 'CARTITUDE-4-NEJM-2023'),
    (SE, 'carvykti_mm__early_death', 'any_grade_per_100', 14, 'FDA-ODAC-2024-Myeloma'),
    (SE, 'tecartus_ball__infection', 'grade3_per_100', 30, 'FDA-AppSum-Tecartus-ALL'),
    (OC, 'kymriah_ball__cr', 'per_100', 82.5, 'FDA-Kymriah-ALL-2017'),
    (OC, 'kymriah_lbcl__resp', 'per_100', 52, 'JULIET-NEJM-2019'),
    (OC, 'kymriah_lbcl__cr', 'per_100', 40, 'JULIET-NEJM-2019'),
    (OC, 'kymriah_fl__resp', 'per_100', 86, 'FDA-Kymriah-FL-2022'),
    (OC, 'kymriah_fl__cr', 'per_100', 68, 'FDA-Kymriah-FL-2022'),
    (OC, 'kymriah_fl__resp_all', 'per_100', 86, 'FDA-Kymriah-FL-2022'),
    (OC, 'kymriah_fl__cr_all', 'per_100', 67, 'FDA-Kymriah-FL-2022'),
    (OC, 'yescarta_lbcl_2l__resp', 'per_100', 83, 'ZUMA-7-NEJM-2022'),
    (OC, 'yescarta_lbcl_2l__cr', 'per_100', 65, 'ZUMA-7-NEJM-2022'),
    (OC, 'yescarta_lbcl_2l__efs', 'per_100', 40.5, 'ZUMA-7-NEJM-2022'),
    (OC, 'yescarta_lbcl_3l__resp', 'per_100', 82, 'ZUMA-1-NEJM-2017'),
    (OC, 'yescarta_lbcl_3l__cr', 'per_100', 54, 'ZUMA-1-NEJM-2017'),
    (OC, 'yescarta_lbcl_3l__ongoing', 'per_100', 31, 'ZUMA-1-Blood-2023'),
    (OC, 'yescarta_fl__resp', 'per_100', 91, 'FDA-Yescarta-FL-2021'),
    (OC, 'yescarta_fl__cr', 'per_100', 60, 'FDA-Yescarta-FL-2021'),
    (OC, 'tecartus_mcl__resp', 'per_100', 87, 'FDA-Tecartus-MCL-2020'),
    (OC, 'tecartus_mcl__cr', 'per_100', 62, 'FDA-Tecartus-MCL-2020'),
    (OC, 'tecartus_mcl__resp_all', 'per_100', 80, 'FDA-Tecartus-MCL-2020'),
    (OC, 'tecartus_mcl__cr_all', 'per_100', 55, 'FDA-Tecartus-MCL-2020'),
    (OC, 'tecartus_ball__cr', 'per_100', 52, 'FDA-AppSum-Tecartus-ALL'),
    (OC, 'tecartus_ball__cr_all', 'per_100', 41, 'FDA-AppSum-Tecartus-ALL'),
    (OC, 'breyanzi_lbcl_2l__cr', 'per_100', 74, 'TRANSFORM-Blood-2023'),
    (OC, 'breyanzi_lbcl_3l__resp', 'per_100', 73, 'TRANSCEND-NHL001-Lancet-2020'),
    (OC, 'breyanzi_lbcl_3l__cr', 'per_100', 53, 'TRANSCEND-NHL001-Lancet-2020'),
    (OC, 'breyanzi_cll__resp', 'per_100', 45, 'FDA-Breyanzi-CLL-2024'),
    (OC, 'breyanzi_cll__cr', 'per_100', 20, 'FDA-Breyanzi-CLL-2024'),
    (OC, 'breyanzi_fl__resp', 'per_100', 95.7, 'FDA-Breyanzi-FL-2024'),
    (OC, 'breyanzi_fl__cr', 'per_100', 73.4, 'FDA-Breyanzi-FL-2024'),
    (OC, 'breyanzi_mcl__resp', 'per_100', 85.3, 'FDA-Breyanzi-MCL-2024'),
    (OC, 'breyanzi_mcl__cr', 'per_100', 67.6, 'FDA-Breyanzi-MCL-2024'),
    (OC, 'breyanzi_mzl__resp', 'per_100', 95.5, 'FDA-Breyanzi-MZL-2025'),
    (OC, 'breyanzi_mzl__cr', 'per_100', 62.1, 'FDA-Breyanzi-MZL-2025'),
    (OC, 'breyanzi_mzl__resp_all', 'per_100', 84.4, 'FDA-Breyanzi-MZL-2025'),
    (OC, 'breyanzi_mzl__cr_all', 'per_100', 55.8, 'FDA-Breyanzi-MZL-2025'),
    (OC, 'abecma_mm__resp', 'per_100', 72, 'FDA-Review-Abecma-CCR-2022'),
    (OC, 'abecma_mm__scr', 'per_100', 28, 'FDA-Review-Abecma-CCR-2022'),
    (OC, 'carvykti_mm__resp', 'per_100', 97.9, 'FDA-Review-Carvykti-CCR-2024'),
    (OC, 'carvykti_mm__scr', 'per_100', 78.4, 'FDA-Review-Carvykti-CCR-2024'),
    (OC, 'aucatzyl_ball__cr', 'per_100', 42, 'FDA-Aucatzyl-ALL-2024'),
    (OC, 'kymriah_ball__cr_full', 'per_100', 63, 'FDA-AppSum-Kymriah-ALL-2019'),
    (OC, 'kymriah_ball__cr_nejm', 'per_100', 81, 'ELIANA-NEJM-2018'),
    (OC, 'kymriah_ball__efs12', 'per_100', 50, 'ELIANA-NEJM-2018'),
    (OC, 'kymriah_ball__alive12', 'per_100', 76, 'ELIANA-NEJM-2018'),
    (OC, 'kymriah_lbcl__resp_40mo', 'per_100', 53, 'JULIET-LancetOncol-2021'),
    (OC, 'kymriah_lbcl__cr_40mo', 'per_100', 39, 'JULIET-LancetOncol-2021'),
    (OC, 'kymriah_lbcl__ongoing', 'per_100', 65, 'JULIET-NEJM-2019'),
    (OC, 'kymriah_fl__ongoing', 'per_100', 75, 'FDA-Kymriah-FL-2022'),
    (OC, 'abecma_mm__k3_resp', 'per_100', 71, 'KarMMa-3-Blood-2024'),
    (OC, 'abecma_mm__k3_cr', 'per_100', 44, 'KarMMa-3-Blood-2024'),
    (OC, 'carvykti_mm__c4_resp', 'per_100', 84.6, 'CARTITUDE-4-NEJM-2023'),
    (OC, 'carvykti_mm__c4_cr', 'per_100', 73.1, 'CARTITUDE-4-NEJM-2023'),
    (OC, 'carvykti_mm__c4_alive', 'per_100', 79, 'FDA-ODAC-2024-Myeloma'),
    (OC, 'yescarta_lbcl_3l__alive', 'per_100', 42.6, 'ZUMA-1-Blood-2023'),
    (OC, 'yescarta_lbcl_3l__pfs', 'per_100', 31.8, 'ZUMA-1-Blood-2023'),
    (OC, 'yescarta_lbcl_2l__alive', 'per_100', 54.6, 'ZUMA-7-NEJM-2023'),
    (ON, 'lbcl_cart_zuma7_resp', 'per_100', 83, 'ZUMA-7-NEJM-2022'),
    (ON, 'lbcl_cart_zuma7_efs', 'per_100', 40.5, 'ZUMA-7-NEJM-2022'),
    (ON, 'lbcl_cart_zuma7_os', 'per_100', 54.6, 'ZUMA-7-NEJM-2023'),
    (ON, 'lbcl_cart_transform_cr', 'per_100', 74, 'TRANSFORM-Blood-2023'),
    (ON, 'lbcl_cart_zuma7_crs', 'per_100', 7, 'ZUMA-7-FDA-CCR-2023'),
    (ON, 'lbcl_cart_zuma7_nt', 'per_100', 25, 'ZUMA-7-FDA-CCR-2023'),
    (ON, 'lbcl_cart_transform_crs', 'per_100', 1, 'TRANSFORM-Blood-2023'),
    (ON, 'lbcl_cart_transform_nt', 'per_100', 4, 'TRANSFORM-Blood-2023'),
    (ON, 'lbcl_cart_zuma1_crsany', 'per_100', 94, 'PI-Yescarta-2017'),
    (ON, 'lbcl_cart_zuma1_crs', 'per_100', 13, 'PI-Yescarta-2017'),
    (ON, 'lbcl_cart_transcend_crsany', 'per_100', 42, 'TRANSCEND-NHL001-Lancet-2020'),
    (ON, 'lbcl_cart_transcend_crs', 'per_100', 2, 'TRANSCEND-NHL001-Lancet-2020'),
    (ON, 'lbcl_cart_transcend_nt', 'per_100', 10, 'TRANSCEND-NHL001-Lancet-2020'),
    (ON, 'lbcl_cart_juliet_crsany', 'per_100', 58, 'JULIET-NEJM-2019'),
    (ON, 'lbcl_cart_juliet_crs', 'per_100', 22, 'JULIET-NEJM-2019'),
    (ON, 'lbcl_cart_juliet_nt', 'per_100', 12, 'JULIET-NEJM-2019'),
    (ON, 'lbcl_auto_zuma7_resp', 'per_100', 50, 'ZUMA-7-NEJM-2022'),
    (ON, 'lbcl_auto_zuma7_efs', 'per_100', 16.3, 'ZUMA-7-NEJM-2022'),
    (ON, 'lbcl_auto_zuma7_os', 'per_100', 46, 'ZUMA-7-NEJM-2023'),
    (ON, 'lbcl_auto_transform_cr', 'per_100', 43, 'TRANSFORM-Blood-2023'),
    (ON, 'lbcl_auto_parma_efs', 'per_100', 46, 'PARMA-NEJM-1995'),
    (ON, 'lbcl_auto_parma_os', 'per_100', 53, 'PARMA-NEJM-1995'),
    (ON, 'lbcl_bisp_crs', 'per_100', 63, 'GLOFIT-NEJM-2022'),
    (ON, 'lbcl_chemo_parma_efs', 'per_100', 12, 'PARMA-NEJM-1995'),
    (ON, 'lbcl_chemo_parma_os', 'per_100', 32, 'PARMA-NEJM-1995'),
    (ON, 'fl_cart_transcend_crs', 'per_100', 1, 'TRANSCEND-FL-NatMed-2024'),
    (ON, 'fl_cart_transcend_nt', 'per_100', 2, 'TRANSCEND-FL-NatMed-2024'),
    (ON, 'fl_cart_zuma5_crs', 'per_100', 8, 'PI-Yescarta'),
    (ON, 'fl_cart_zuma5_nt', 'per_100', 21, 'PI-Yescarta'),
    (ON, 'mcl_cart_zuma2_crs', 'per_100', 18, 'PI-Tecartus'),
    (ON, 'mcl_cart_zuma2_nt', 'per_100', 37, 'PI-Tecartus'),
    (ON, 'cll_cart_crs', 'per_100', 9, 'Siddiqi-Lancet-2023'),
    (ON, 'cll_cart_nt', 'per_100', 45, 'Siddiqi-Lancet-2023'),
    (ON, 'ballyoung_cart_crs', 'per_100', 49, 'PI-Kymriah-2018'),
    (ON, 'balladult_cart_tecartus_crs', 'per_100', 26, 'FDA-AppSum-Tecartus-ALL'),
    (ON, 'balladult_cart_tecartus_nt', 'per_100', 35, 'FDA-AppSum-Tecartus-ALL'),
    (ON, 'balladult_cart_tecartus_death', 'per_100', 5, 'FDA-AppSum-Tecartus-ALL'),
    (ON, 'balladult_cart_aucatzyl_crs', 'per_100', 3, 'FDA-Aucatzyl-ALL-2024'),
    (ON, 'balladult_cart_aucatzyl_nt', 'per_100', 7, 'FDA-Aucatzyl-ALL-2024'),
    (ON, 'balladult_bisp_blina_resp', 'per_100', 43.9, 'TOWER-NEJM-2017'),
    (ON, 'balladult_bisp_blina_crs', 'per_100', 4.9, 'TOWER-NEJM-2017'),
    (ON, 'balladult_chemo_ino_resp', 'per_100', 73.8, 'INOVATE-Cancer-2019'),
    (ON, 'balladult_chemo_chemo_resp', 'per_100', 24.6, 'TOWER-NEJM-2017'),
    (ON, 'balladult_chemo_ino_vod', 'per_100', 14, 'INOVATE-Cancer-2019'),
    (ON, 'mm_cart_c4_pfs', 'per_100', 75.9, 'CARTITUDE-4-NEJM-2023'),
    (ON, 'mm_cart_karmma3_resp', 'per_100', 71, 'KarMMa-3-Blood-2024'),
    (ON, 'mm_cart_c4_crs', 'per_100', 1.1, 'CARTITUDE-4-NEJM-2023'),
    (ON, 'mm_cart_karmma3_crs', 'per_100', 5, 'KarMMa-3-NEJM-2023'),
    (ON, 'mm_cart_karmma3_nt', 'per_100', 3, 'KarMMa-3-NEJM-2023'),
    (ON, 'mm_chemo_c4_pfs', 'per_100', 48.6, 'CARTITUDE-4-NEJM-2023'),
    (ON, 'mm_chemo_karmma3_resp', 'per_100', 42, 'KarMMa-3-Blood-2024'),
    (ON, 'fl_cart_elara_crs', 'per_100', 0, 'ELARA-NatMed-2022'),
    (ON, 'fl_cart_elara_nt', 'per_100', 3, 'ELARA-NatMed-2022'),
    (ON, 'mm_cart_karmma3_cr', 'per_100', 44, 'KarMMa-3-Blood-2024'),
    (ON, 'mm_chemo_karmma3_cr', 'per_100', 5, 'KarMMa-3-Blood-2024'),
    (ON, 'mm_cart_karmma3_early_death', 'per_100', 12, 'KarMMa-3-Blood-2024'),
    (ON, 'mm_chemo_karmma3_early_death', 'per_100', 7, 'KarMMa-3-Blood-2024'),
    (ON, 'mm_cart_c4_resp', 'per_100', 84.6, 'CARTITUDE-4-NEJM-2023'),
    (ON, 'mm_cart_c4_cr', 'per_100', 73.1, 'CARTITUDE-4-NEJM-2023'),
    (ON, 'mm_chemo_c4_resp', 'per_100', 67.3, 'CARTITUDE-4-NEJM-2023'),
    (ON, 'mm_chemo_c4_cr', 'per_100', 21.8, 'CARTITUDE-4-NEJM-2023'),
    (ON, 'mm_cart_c4_os', 'per_100', 79, 'FDA-ODAC-2024-Myeloma'),
    (ON, 'mm_cart_c4_early_death', 'per_100', 14, 'FDA-ODAC-2024-Myeloma'),
    (ON, 'mm_chemo_c4_os', 'per_100', 66, 'FDA-ODAC-2024-Myeloma'),
    (ON, 'mm_chemo_c4_early_death', 'per_100', 12, 'FDA-ODAC-2024-Myeloma'),
    (ON, 'mm_cart_c4_crs_any', 'per_100', 76.1, 'CARTITUDE-4-NEJM-2023'),
    (ON, 'mm_cart_c4_icans_any', 'per_100', 4.5, 'CARTITUDE-4-NEJM-2023'),
    (ON, 'mm_cart_karmma3_crs_any', 'per_100', 88, 'KarMMa-3-NEJM-2023'),
    (ON, 'mm_cart_karmma3_nt_any', 'per_100', 15, 'KarMMa-3-NEJM-2023'),
    (ON, 'mm_bisp_tec_crs_any', 'per_100', 72.1, 'MajesTEC-1-CRS-Cancer-2023'),
    (ON, 'mm_bisp_tec_crs_sev', 'per_100', 0.6, 'MajesTEC-1-CRS-Cancer-2023'),
    (ON, 'mm_bisp_tec_neuro_any', 'per_100', 14.5, 'MajesTEC-1-NEJM-2022'),
    (ON, 'mm_bisp_tec_icans_any', 'per_100', 3, 'MajesTEC-1-NEJM-2022'),
    (ON, 'mm_bisp_elra_crs_any', 'per_100', 57.7, 'MagnetisMM-3-NatMed-2023'),
    (ON, 'mm_bisp_elra_crs_sev', 'per_100', 0, 'MagnetisMM-3-NatMed-2023'),
    (ON, 'lbcl_bisp_glofit_crs_severe', 'per_100', 4, 'GLOFIT-NEJM-2022'),
    (ON, 'lbcl_bisp_glofit_neuro_severe', 'per_100', 3, 'GLOFIT-NEJM-2022'),
    (ON, 'lbcl_bisp_epcor_crs_any', 'per_100', 51, 'EPCORE-NHL1-Leukemia-2024'),
    (ON, 'lbcl_bisp_epcor_crs_severe', 'per_100', 2.5, 'EPCORE-NHL1-JCO-2023'),
    (ON, 'lbcl_bisp_epcor_icans', 'per_100', 6.4, 'EPCORE-NHL1-JCO-2023'),
    (ON, 'fl_bisp_mosun_crs_any', 'per_100', 44, 'MOSUN-LancetOncol-2022'),
    (ON, 'fl_bisp_mosun_crs_severe', 'per_100', 2, 'MOSUN-LancetOncol-2022'),
    (ON, 'balladult_chemo_inovate_chemo_resp', 'per_100', 30.9, 'INOVATE-Cancer-2019'),
    (ON, 'balladult_bisp_blina_crs_any', 'per_100', 14, 'TOWER-NEJM-2017'),
    (ON, 'balladult_bisp_blina_neuro_severe', 'per_100', 9.4, 'TOWER-NEJM-2017'),
    (ON, 'balladult_chemo_tower_neuro_severe', 'per_100', 8.3, 'TOWER-NEJM-2017'),
    (ON, 'balladult_chemo_inovate_chemo_vod', 'per_100', 2.1, 'INOVATE-Cancer-2019'),
    (ON, 'lbcl_cart_zuma7_death', 'per_100', 1.8, 'ZUMA-7-FDA-CCR-2023'),
    (ON, 'balladult_cart_aucatzyl_neuro', 'per_100', 12, 'FDA-Aucatzyl-ALL-2024'),
    (ON, 'balladult_cart_tecartus_infection', 'per_100', 30, 'FDA-AppSum-Tecartus-ALL'),
    (ON, 'mcl_cart_zuma2_infection', 'per_100', 32, 'ZUMA-2-NEJM-2020'),
    (CMP, 'karmma3_pfs', 'hazard_ratio', 0.49, 'KarMMa-3-Blood-2024'),
    (CMP, 'karmma3_pfs', 'significant', 'yes', 'KarMMa-3-Blood-2024'),
    (CMP, 'karmma3_os', 'hazard_ratio', 1.01, 'KarMMa-3-Blood-2024'),
    (CMP, 'karmma3_os', 'significant', 'no', 'KarMMa-3-Blood-2024'),
    (CMP, 'karmma3_resp', 'significant', 'yes', 'KarMMa-3-Blood-2024'),
    (CMP, 'karmma3_cr', 'significant', 'not tested', 'KarMMa-3-Blood-2024'),
    (CMP, 'karmma3_early_death', 'significant', 'not tested', 'KarMMa-3-Blood-2024'),
    (CMP, 'c4_pfs', 'hazard_ratio', 0.26, 'CARTITUDE-4-NEJM-2023'),
    (CMP, 'c4_pfs', 'significant', 'yes', 'CARTITUDE-4-NEJM-2023'),
    (CMP, 'c4_os', 'hazard_ratio', 0.55, 'PI-Carvykti'),
    (CMP, 'c4_os', 'significant', 'yes', 'PI-Carvykti'),
    (CMP, 'c4_resp', 'significant', 'not tested', 'CARTITUDE-4-NEJM-2023'),
    (CMP, 'c4_cr', 'significant', 'not tested', 'CARTITUDE-4-NEJM-2023'),
    (CMP, 'c4_early_death', 'significant', 'not tested', 'FDA-ODAC-2024-Myeloma'),
    (CMP, 'parma_efs', 'significant', 'yes', 'PARMA-NEJM-1995'),
    (CMP, 'parma_os', 'significant', 'yes', 'PARMA-NEJM-1995'),
    (CMP, 'tower_remission', 'significant', 'yes', 'TOWER-NEJM-2017'),
    (CMP, 'inovate_remission', 'significant', 'yes', 'INOVATE-Cancer-2019'),
    (CMP, 'transform_cr', 'significant', 'yes', 'TRANSFORM-Blood-2023'),
    (CMP, 'transform_pfs', 'hazard_ratio', 0.4, 'TRANSFORM-Blood-2023'),
    (CMP, 'transform_pfs', 'significant', 'yes', 'TRANSFORM-Blood-2023'),
    (CMP, 'transform_os', 'hazard_ratio', 0.724, 'TRANSFORM-Blood-2023'),
    (CMP, 'transform_os', 'significant', 'no', 'TRANSFORM-Blood-2023'),
    (CMP, 'transform_efs', 'significant', 'yes', 'TRANSFORM-Blood-2023'),
    (CMP, 'zuma7_resp', 'significant', 'yes', 'ZUMA-7-NEJM-2022'),
    (CMP, 'zuma7_efs', 'hazard_ratio', 0.4, 'ZUMA-7-NEJM-2022'),
    (CMP, 'zuma7_efs', 'significant', 'yes', 'ZUMA-7-NEJM-2022'),
    (CMP, 'zuma7_os', 'hazard_ratio', 0.73, 'ZUMA-7-NEJM-2023'),
    (CMP, 'zuma7_os', 'significant', 'yes', 'ZUMA-7-NEJM-2023'),
    (IND, 'kymriah_ball', 'approved', '2017-08-30', 'FDA-Kymriah-ALL-2017'),
    (IND, 'kymriah_ball', 'min_prior_lines', 1, 'FDA-Kymriah-ALL-2017'),
    (IND, 'kymriah_lbcl', 'approved', '2018-05-01', 'FDA-Kymriah-LBCL-2018'),
    (IND, 'kymriah_lbcl', 'min_prior_lines', 2, 'FDA-Kymriah-LBCL-2018'),
    (IND, 'kymriah_fl', 'approved', '2022-05-27', 'FDA-Kymriah-FL-2022'),
    (IND, 'kymriah_fl', 'min_prior_lines', 2, 'FDA-Kymriah-FL-2022'),
    (IND, 'yescarta_lbcl_2l', 'approved', '2022-04-01', 'PI-Yescarta'),
    (IND, 'yescarta_lbcl_2l', 'min_prior_lines', 1, 'PI-Yescarta'),
    (IND, 'yescarta_lbcl_3l', 'approved', '2017-10-18', 'PI-Yescarta'),
    (IND, 'yescarta_lbcl_3l', 'min_prior_lines', 2, 'PI-Yescarta'),
    (IND, 'yescarta_fl', 'approved', '2021-03-05', 'FDA-Yescarta-FL-2021'),
    (IND, 'yescarta_fl', 'min_prior_lines', 2, 'FDA-Yescarta-FL-2021'),
    (IND, 'tecartus_mcl', 'approved', '2020-07-24', 'FDA-Tecartus-MCL-2020'),
    (IND, 'tecartus_mcl', 'min_prior_lines', 1, 'FDA-Tecartus-MCL-2020'),
    (IND, 'tecartus_ball', 'approved', '2021-10-01', 'FDA-Tecartus-ALL-2021'),
    (IND, 'tecartus_ball', 'min_prior_lines', 1, 'FDA-Tecartus-ALL-2021'),
    (IND, 'breyanzi_lbcl_2l', 'approved', '2022-06-24', 'PI-Breyanzi'),
    (IND, 'breyanzi_lbcl_2l', 'min_prior_lines', 1, 'PI-Breyanzi'),
    (IND, 'breyanzi_lbcl_3l', 'approved', '2021-02-05', 'PI-Breyanzi'),
    (IND, 'breyanzi_lbcl_3l', 'min_prior_lines', 2, 'PI-Breyanzi'),
    (IND, 'breyanzi_cll', 'approved', '2024-03-14', 'FDA-Breyanzi-CLL-2024'),
    (IND, 'breyanzi_cll', 'min_prior_lines', 2, 'FDA-Breyanzi-CLL-2024'),
    (IND, 'breyanzi_fl', 'approved', '2024-05-15', 'PI-Breyanzi'),
    (IND, 'breyanzi_fl', 'min_prior_lines', 2, 'PI-Breyanzi'),
    (IND, 'breyanzi_mcl', 'approved', '2024-05-30', 'FDA-Breyanzi-MCL-2024'),
    (IND, 'breyanzi_mcl', 'min_prior_lines', 2, 'FDA-Breyanzi-MCL-2024'),
    (IND, 'breyanzi_mzl', 'approved', '2025-12-04', 'FDA-Breyanzi-MZL-2025'),
    (IND, 'breyanzi_mzl', 'min_prior_lines', 2, 'FDA-Breyanzi-MZL-2025'),
    (IND, 'abecma_mm', 'approved', '2024-04-04', 'PI-Abecma'),
    (IND, 'abecma_mm', 'min_prior_lines', 2, 'PI-Abecma'),
    (IND, 'carvykti_mm', 'approved', '2024-04-05', 'PI-Carvykti'),
    (IND, 'carvykti_mm', 'min_prior_lines', 1, 'PI-Carvykti'),
    (IND, 'aucatzyl_ball', 'approved', '2024-11-08', 'FDA-Aucatzyl-ALL-2024'),
    (IND, 'aucatzyl_ball', 'min_prior_lines', 1, 'FDA-Aucatzyl-ALL-2024'),
    (PR, 'kymriah_all', 'price_usd', 475000, 'Bach-JAMA-2017'),
    (PR, 'yescarta', 'price_usd', 373000, 'Citeline-Yescarta-2017'),
    (PR, 'abecma', 'price_usd', 419500, 'Fierce-Carvykti-2022'),
    (PR, 'carvykti', 'price_usd', 465000, 'Fierce-Carvykti-2022'),
]


@pytest.mark.parametrize(
    ("table", "key", "column", "value", "source_id"), PINNED,
    ids=[f"{p[0]}:{p[1]}.{p[2]}" for p in PINNED],
)
def test_pinned_number_and_its_source(real_content, table, key, column, value, source_id):
    rows = {r[KEYS[table]]: r for r in real_content.rows(table)}
    assert key in rows, f"{table}.csv has no row '{key}'"
    row = rows[key]
    shown = row[column]
    if value is None:
        assert shown is None, (key, column)
    elif isinstance(value, str):
        assert str(shown) == value, (key, column)
    else:
        assert float(shown) == pytest.approx(float(value)), (key, column)
    assert row["source_id"] == source_id, f"{key} cites {row['source_id']}, pinned {source_id}"
    if table in (SE, OC, ON, CMP):
        assert row["locator"] and row["checked"], key


def test_every_number_row_is_pinned(real_content):
    """A new number row needs its pin (and so a second look) before it ships."""
    pinned = {(t, k) for t, k, *_ in PINNED}
    for table in (OC,):
        for row in real_content.rows(table):
            if row["per_100"] is not None:
                assert (table, row[KEYS[table]]) in pinned, row[KEYS[table]]
    for row in real_content.rows(ON):
        if row["compare"] or row["kind"] == "harm":
            assert (ON, row["number_id"]) in pinned, row["number_id"]


# (product_id or "" for the general row, measure, value, low, high, source_id)
TIMING = [
    ('', 'daily_monitoring_days', 7, None, None, 'FDA-REMS-2025'),
    ('', 'monitoring_days', 14, None, None, 'FDA-REMS-2025'),
    ('', 'caregiver_days', 14, None, None, 'BMS-ExploreCT-After'),
    ('', 'stay_nearby_days', 14, None, None, 'FDA-REMS-2025'),
    ('', 'no_driving_days', 14, None, None, 'FDA-REMS-2025'),
    ('', 'vein_to_vein_days', None, 30.4, 48.4, 'V2V-MetaAnalysis'),
    ('kymriah', 'ld_days', None, 2, 4, 'PI-Kymriah'),
    ('kymriah', 'ld_gap_days', None, 2, 14, 'PI-Kymriah'),
    ('kymriah', 'daily_monitoring_days', 7, None, None, 'FDA-REMS-2025'),
    ('kymriah', 'monitoring_days', 14, None, None, 'FDA-REMS-2025'),
    ('kymriah', 'stay_nearby_days', 14, None, None, 'FDA-REMS-2025'),
    ('kymriah', 'no_driving_days', 14, None, None, 'FDA-REMS-2025'),
    ('kymriah', 'vein_to_vein_days', 48.4, None, None, 'V2V-MetaAnalysis'),
    ('yescarta', 'manufacturing_days', 14, None, None, 'Kite-TAT-2024'),
    ('yescarta', 'ld_days', 3, None, None, 'PI-Yescarta'),
    ('yescarta', 'ld_gap_days', 2, None, None, 'PI-Yescarta'),
    ('yescarta', 'daily_monitoring_days', 7, None, None, 'FDA-REMS-2025'),
    ('yescarta', 'monitoring_days', 14, None, None, 'FDA-REMS-2025'),
    ('yescarta', 'stay_nearby_days', 14, None, None, 'FDA-REMS-2025'),
    ('yescarta', 'no_driving_days', 14, None, None, 'FDA-REMS-2025'),
    ('yescarta', 'vein_to_vein_days', 30.4, None, None, 'V2V-MetaAnalysis'),
    ('tecartus', 'daily_monitoring_days', 7, None, None, 'FDA-REMS-2025'),
    ('tecartus', 'monitoring_days', 14, None, None, 'FDA-REMS-2025'),
    ('tecartus', 'stay_nearby_days', 14, None, None, 'FDA-REMS-2025'),
    ('tecartus', 'no_driving_days', 14, None, None, 'FDA-REMS-2025'),
    ('breyanzi', 'ld_days', 3, None, None, 'PI-Breyanzi'),
    ('breyanzi', 'ld_gap_days', None, 2, 7, 'PI-Breyanzi'),
    ('breyanzi', 'daily_monitoring_days', 7, None, None, 'FDA-REMS-2025'),
    ('breyanzi', 'monitoring_days', 14, None, None, 'FDA-REMS-2025'),
    ('breyanzi', 'stay_nearby_days', 14, None, None, 'FDA-REMS-2025'),
    ('breyanzi', 'no_driving_days', 14, None, None, 'FDA-REMS-2025'),
    ('breyanzi', 'vein_to_vein_days', 35.9, None, None, 'V2V-MetaAnalysis'),
    ('abecma', 'manufacturing_days', 28, None, None, 'Cigna-Abecma'),
    ('abecma', 'ld_days', 3, None, None, 'PI-Abecma'),
    ('abecma', 'ld_gap_days', 2, None, None, 'PI-Abecma'),
    ('abecma', 'daily_monitoring_days', 7, None, None, 'FDA-REMS-2025'),
    ('abecma', 'monitoring_days', 14, None, None, 'FDA-REMS-2025'),
    ('abecma', 'stay_nearby_days', 14, None, None, 'FDA-REMS-2025'),
    ('abecma', 'no_driving_days', 14, None, None, 'FDA-REMS-2025'),
    ('carvykti', 'manufacturing_days', None, 28, 35, 'Carvykti-Pt-Process'),
    ('carvykti', 'vein_to_vein_days', 30, None, None, 'Carvykti-Pt-Process'),
    ('carvykti', 'ld_days', 3, None, None, 'PI-Carvykti'),
    ('carvykti', 'ld_gap_days', None, 2, 4, 'PI-Carvykti'),
    ('carvykti', 'daily_monitoring_days', 7, None, None, 'FDA-REMS-2025'),
    ('carvykti', 'monitoring_days', 14, None, None, 'FDA-REMS-2025'),
    ('carvykti', 'stay_nearby_days', 14, None, None, 'FDA-REMS-2025'),
    ('carvykti', 'no_driving_days', 14, None, None, 'FDA-REMS-2025'),
    ('aucatzyl', 'second_dose_day', 9, 7, 11, 'PI-Aucatzyl'),
    ('aucatzyl', 'stay_nearby_days', 28, None, None, 'OncoLink-Aucatzyl-2024'),
    ('aucatzyl', 'no_driving_days', 56, None, None, 'OncoLink-Aucatzyl-2024'),
]


@pytest.mark.parametrize(
    ("product", "measure", "value", "low", "high", "source_id"), TIMING,
    ids=[f"{t[0] or 'general'}.{t[1]}" for t in TIMING],
)
def test_journey_timing_is_pinned(real_content, product, measure, value, low, high, source_id):
    match = [r for r in real_content.rows("product_timing")
             if (r["product_id"] or "") == product and r["measure"] == measure]
    assert len(match) == 1, f"one {product or 'general'} {measure} row expected"
    row = match[0]
    for column, expected in (("value", value), ("low", low), ("high", high)):
        if expected is None:
            assert frequencies.is_missing(row[column]), column
        else:
            assert float(row[column]) == pytest.approx(expected), column
    assert row["source_id"] == source_id


def test_conflicting_numbers_are_disclosed_where_shown(real_content):
    """Where a label and a paper count differently, the row shown names the other count."""
    se = {r["row_id"]: r for r in real_content.rows(SE)}
    assert "31 in 100" in se["tecartus_mcl__neuro"]["note"]
    assert "5 in 100" in se["abecma_mm__crs"]["note"]
    assert "58 in 100" in se["kymriah_lbcl__crs"]["note"]
    assert "83 in 100" in se["breyanzi_cll__crs"]["note"]
    on = {r["number_id"]: r for r in real_content.rows(ON)}
    assert "31 in 100" in on["mcl_cart_zuma2_nt"]["population"]


def test_same_number_on_two_pages_agrees(real_content):
    """ZUMA-7 severe CRS is shown on Side effects and on Options: the same value and source."""
    se = {r["row_id"]: r for r in real_content.rows(SE)}["yescarta_lbcl_2l__crs"]
    on = {r["number_id"]: r for r in real_content.rows(ON)}["lbcl_cart_zuma7_crs"]
    assert se["grade3_per_100"] == on["per_100"]
    assert se["source_id"] == on["source_id"]


def test_carvykti_enterocolitis_warning_is_shown_with_what_to_do(real_content):
    """The October 2025 boxed warning: a side-effect row and the home symptom guide."""
    row = {r["row_id"]: r for r in real_content.rows(SE)}["carvykti_mm__enterocolitis"]
    assert row["source_id"] == "FDA-Notice-Carvykti-IECEC-2025"
    symptoms = real_content.text("side_effects__symptoms").lower()
    assert "diarrhea" in symptoms or "diarrhoea" in symptoms
    assert "carvykti" in real_content.text("side_effects__long_term").lower()


def test_myeloma_main_numbers_come_from_the_randomised_trials_in_the_approved_line(real_content):
    main = {r["indication_id"]: r["trial"] for r in real_content.rows(OC) if r["main"]}
    assert main["abecma_mm"] == "KarMMa-3" and main["carvykti_mm"] == "CARTITUDE-4"
    for row in real_content.rows(OC):
        if row["trial"] in ("KarMMa", "CARTITUDE-1"):
            assert not row["main"] and "earlier treatments" in row["data_set"], row["row_id"]


def test_knowledge_answers_are_the_right_ones(real_content):
    doc = real_content.documents["questionnaire"]
    questions = {
        q["id"]: q
        for s in doc.get("sections", [])
        for q in s["questions"]
        if "correct" in q
    }
    expected = {
        "know_collection": "machine",
        "know_wait": "weeks",
        "know_chemo_first": "make_room",
        "know_crs_timing": "first_weeks",
        "know_stay_near": "two_weeks",
        "know_caregiver": "yes_two_weeks",
        "know_may_not_work": "not_always",
        "know_lifelong_checks": "for_life",
    }
    assert {k: q["correct"] for k, q in questions.items()} == expected
    # The 475-patient study covered three CD19 products only: say so.
    assert "Yescarta, Kymriah or Breyanzi" in questions["know_crs_timing"]["explanation"]
    assert "Aucatzyl" in questions["know_stay_near"]["explanation"]


def test_outcome_denominators_are_stated(real_content):
    """'Everyone who joined' and 'people who got the infusion' are never mixed up."""
    oc = {r["row_id"]: r for r in real_content.rows(OC)}
    for row_id in ("kymriah_fl__resp_all", "tecartus_mcl__resp_all", "tecartus_ball__cr_all",
                   "breyanzi_mzl__resp_all", "yescarta_lbcl_2l__resp"):
        assert oc[row_id]["counted"] == "all enrolled", row_id
    for row_id in ("kymriah_ball__cr", "yescarta_lbcl_3l__resp", "tecartus_mcl__resp",
                   "breyanzi_mzl__resp", "aucatzyl_ball__cr"):
        assert oc[row_id]["counted"] == "infused", row_id
