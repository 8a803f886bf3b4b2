"""Changes, dropped nouns, "that period" and headline plans: the second pass on claim extraction. Each sentence
here is our own fictional wording; what is asserted is what a fact-checker would write down."""


def claims_by_figure(claims):
    return {claim["figure_text"]: claim for claim in claims}


def summary(claim):
    return claim["metric"], claim["value"], claim["qualifier"], claim["status"]


def test_a_percentage_change_gives_the_new_level_and_the_old_one_computed(claims_of):
    claims = claims_by_figure(claims_of("The Met's officer numbers fell by 10% to 31,500."))
    assert summary(claims["31,500"]) == ("officers_total", 31500, "exact", "current")
    assert summary(claims["10%"]) == ("officers_total", 35000, "exact", "past")


def test_a_bare_change_with_no_level_is_not_a_claim(claims_of):
    assert claims_of("Facial recognition arrests rose by 20% last year.") == []
    assert claims_of("Support for the cameras rose by 7% to 1,150 people, pollsters found.") == []


def test_doubled_from_gives_the_old_level_past_and_the_new_one_now(claims_of):
    claims = claims_by_figure(claims_of("The Met's drone fleet has more than doubled from 4 since 2023."))
    assert summary(claims["4"]) == ("drones_fleet", 4, "exact", "past")
    assert summary(claims["doubled"]) == ("drones_fleet", 8, "at_least", "current")


def test_cut_by_and_fell_to_are_a_loss_and_the_new_level(claims_of):
    claims = claims_by_figure(claims_of("Police staff numbers at the Met were cut by 300 to 10,700."))
    assert claims["300"]["metric"] == "staff_lost"
    assert summary(claims["10,700"]) == ("staff_total", 10700, "exact", "current")


def test_up_from_and_from_to_keep_both_ends(claims_of):
    claims = claims_by_figure(claims_of("The Met now flies 45 drones, up from 30 in 2024."))
    assert summary(claims["45"])[:2] == ("drones_fleet", 45) and claims["45"]["status"] == "current"
    assert summary(claims["30"]) == ("drones_fleet", 30, "exact", "past")
    assert claims["30"]["time_scope"]["start"] == "2024-01-01"


def test_buy_more_takes_the_noun_of_the_same_sentence(claims_of):
    claims = claims_by_figure(claims_of("Kent Police has 14 drones and says it will buy 6 more."))
    assert claims["6"]["metric"] == "drones_planned" and claims["6"]["subject"] == "Kent Police"


def test_a_dropped_noun_comes_from_what_the_sentence_before_counted(claims_of):
    text = (
        "Facial recognition vans led to 300 arrests in 2024.\n\n"
        "Officers have made about 70 more since January, the force said."
    )
    claims = claims_by_figure(claims_of(text, "2025-04-01"))
    assert summary(claims["about 70"]) == ("lfr_arrests", 70, "approx", "cumulative")
    assert claims["about 70"]["time_scope"]["start"] == "2025-01-01"


def test_a_count_with_nothing_before_it_to_borrow_from_is_no_claim(claims_of):
    assert claims_of("The weather was fine.\n\nThey bought 5 more on Tuesday.") == []


def test_in_that_period_takes_the_period_stated_before(claims_of):
    text = (
        "The Met used live facial recognition 90 times between March and May 2025. "
        "Those deployments led to 110 arrests, and the cameras raised 9 false alerts in that period."
    )
    claims = claims_by_figure(claims_of(text, "2025-07-01"))
    for figure in ("110", "9"):
        assert claims[figure]["status"] == "past"  # a completed period (the contract's `status`)
        assert (claims[figure]["time_scope"]["start"], claims[figure]["time_scope"]["end"]) == (
            "2025-03-01",
            "2025-05-31",
        )


def test_a_sentence_with_its_own_period_does_not_borrow_one(claims_of):
    text = "The force employs 9,000 staff in 2025. It expects to cut 200 of those staff by 2027."
    claims = claims_by_figure(claims_of(text, "2025-07-01"))
    assert claims["200"]["time_scope"]["end"] == "2027-12-31"
    assert claims["200"]["time_scope"]["start"] is None


def test_headline_infinitive_is_a_plan(claims_of):
    (claim,) = claims_of("Met to roll out live facial recognition six times a week")
    assert summary(claim) == ("lfr_deployments_per_week", 6, "exact", "planned")


def test_by_the_season_means_the_coming_one(claims_of):
    (claim,) = claims_of("The Met aims to fly 50 drones by the summer.", "2025-09-10")
    assert claim["status"] == "planned"
    assert claim["time_scope"]["end"] == "2026-08-31"


def test_a_force_not_in_the_short_list_is_still_its_own_subject(claims_of):
    (claim,) = claims_of("West Yorkshire Police flies 11 drones.")
    assert claim["subject"] == "West Yorkshire Police"


def test_number_words_said_in_a_row_are_separate_numbers(claims_of):
    text = "Nine police forces now use live facial recognition, up from four two years ago."
    claims = claims_by_figure(claims_of(text, "2025-06-18"))
    assert summary(claims["four"]) == ("forces_using_lfr", 4, "exact", "past")
    assert claims["four"]["time_scope"]["start"] == claims["four"]["time_scope"]["end"] == "2023-06-18"


def test_a_count_in_a_year_is_not_a_ratio(claims_of):
    claims = claims_by_figure(claims_of("The Met now flies 45 drones, up from 30 in 2024."))
    assert claims["30"]["value"] == 30 and claims["30"]["unit"] == "count"


def test_seven_in_ten_backing_the_cameras_is_seventy_percent(claims_of):
    (claim,) = claims_of("A poll for a fictional paper found that 7 in 10 Londoners back the cameras.")
    assert (claim["metric"], claim["value"], claim["unit"], claim["status"]) == (
        "public_support_percent",
        70,
        "percent",
        "current",
    )


def test_a_date_after_the_old_level_is_the_old_levels(claims_of):
    text = "Officer numbers at the Met have slipped to 32,400 from 34,100 in 2023."
    claims = claims_by_figure(claims_of(text))
    assert summary(claims["32,400"]) == ("officers_total", 32400, "exact", "current")
    assert claims["32,400"]["time_scope"]["start"] is None
    assert summary(claims["34,100"]) == ("officers_total", 34100, "exact", "past")
    assert claims["34,100"]["time_scope"]["start"] == "2023-01-01"


def test_halved_its_fleet_to_computes_the_old_level(claims_of):
    claims = claims_by_figure(claims_of("Surrey Police halved its drone fleet to 8 last year.", "2025-12-02"))
    assert summary(claims["8"]) == ("drones_fleet", 8, "exact", "past")
    assert summary(claims["halved"]) == ("drones_fleet", 16, "exact", "past")
    assert {claims["8"]["subject"], claims["halved"]["subject"]} == {"Surrey Police"}


def test_is_to_and_participles_under_a_plan_are_plans(claims_of):
    (sites,) = claims_of("The Met is to open 14 drone bases next year.", "2025-12-02")
    assert sites["status"] == "planned" and sites["time_scope"]["start"] == "2026-01-01"
    claims = claims_by_figure(claims_of("Ministers aim to have 20 forces using facial recognition by 2027."))
    assert summary(claims["20"]) == ("forces_using_lfr", 20, "exact", "planned")
    assert claims["20"]["time_scope"]["end"] == "2027-12-31"


def test_times_more_is_a_comparison_not_a_count(claims_of):
    assert claims_of("Live facial recognition was used three times more often than in 2023.") == []


def test_a_relative_clause_is_about_the_force_it_hangs_on(claims_of):
    text = "Thames Valley Police, which flies 15 drones, plans to double that number by 2027."
    claims = claims_by_figure(claims_of(text))
    assert (claims["15"]["metric"], claims["15"]["subject"]) == ("drones_fleet", "Thames Valley Police")
    doubled = claims["double"]
    assert summary(doubled) == ("drones_planned", 30, "exact", "planned")
    assert (doubled["subject"], doubled["time_scope"]["end"]) == ("Thames Valley Police", "2027-12-31")


def test_a_new_clause_with_its_own_subject_keeps_its_own_time(claims_of):
    text = "The Met's drone fleet grew from 22 to 37 over the past year, and the unit now flies from 11 bases."
    claims = claims_by_figure(claims_of(text, "2025-10-05"))
    assert claims["37"]["status"] == "current" and claims["37"]["time_scope"]["start"] == "2024-10-05"
    assert claims["11"]["time_scope"]["start"] is None


def test_what_was_reported_of_a_finished_period_is_past(claims_of):
    text = "Pilots said the drones reached incidents within five minutes during the summer."
    (claim,) = claims_of(text, "2025-10-05")
    assert claim["status"] == "past"
    assert (claim["time_scope"]["start"], claim["time_scope"]["end"]) == ("2025-06-01", "2025-08-31")


def test_a_pledge_in_a_second_clause_is_new_money_not_the_contract(claims_of):
    text = "The Met's camera contract is worth £9.8m, and the Mayor has pledged a further £3m to the unit."
    claims = claims_by_figure(claims_of(text))
    assert claims["£9.8m"]["metric"] == "contract_value"
    assert (claims["£3m"]["metric"], claims["£3m"]["status"]) == ("additional_funding", "planned")


def test_respondents_who_said_are_a_current_share(claims_of):
    text = "In a poll for the fictional Gazette, 54 per cent said they were comfortable with the vans."
    (claim,) = claims_of(text)
    assert (claim["metric"], claim["value"], claim["status"]) == ("public_support_percent", 54, "current")


def test_a_count_with_no_noun_counts_what_its_verb_does(claims_of):
    text = "Facial recognition vans flagged 1,900 people last year, of whom 1,610 were arrested."
    claims = claims_by_figure(claims_of(text, "2026-05-20"))
    assert summary(claims["1,900"]) == ("lfr_alerts", 1900, "exact", "past")  # last year is over
    assert summary(claims["1,610"]) == ("lfr_arrests", 1610, "exact", "past")
    assert claims["1,610"]["time_scope"]["start"] == "2025-01-01"


def test_from_a_month_under_a_plan_starts_then(claims_of):
    text = "Live facial recognition vans will visit the high street twice a week from June, the Met said."
    (claim,) = claims_of(text, "2026-05-20")
    assert claim["status"] == "planned"
    assert (claim["time_scope"]["start"], claim["time_scope"]["end"]) == ("2026-06-01", None)


def test_a_grant_is_about_who_gets_it_and_a_running_cost_is_not_funding(claims_of):
    text = "The drone base will cost £850,000 a year to run, paid from a £4m Home Office grant awarded in January."
    (claim,) = claims_of(text, "2025-03-03")
    assert (claim["figure_text"], claim["metric"]) == ("£4m", "additional_funding")
    assert claim["subject"] == "Metropolitan Police"
    assert claim["status"] == "past" and claim["time_scope"]["start"] == "2025-01-01"


def test_a_survey_in_the_past_tense_reports_current_support(claims_of):
    text = "In a survey of 600 households, 41% supported the facial recognition cameras."
    (claim,) = claims_of(text)
    assert (claim["metric"], claim["value"], claim["status"]) == ("public_support_percent", 41, "current")


def test_and_now_has_counts_what_the_first_verb_named_now(claims_of):
    (claim,) = claims_of("Surrey Police has trebled its drone numbers since 2021 and now has 24.", "2025-03-03")
    assert (claim["metric"], claim["value"], claim["subject"], claim["status"]) == (
        "drones_fleet",
        24,
        "Surrey Police",
        "current",
    )
    assert claim["time_scope"]["start"] is None
