"""Products (unit price × quantity × periods) in the genre's families of wordings (issue 10, i13r).

Each family is written in several wordings — the per-unit after a slash for every counted thing
the genre pays for (roads per 公里, pupils per 名, villages per 村, livestock per 头), the period
before or after it, the period named in the price's noun (月工资, 年服务费), the paid total
named by its own money noun before the price (租金, 慰问金), and the writer's own arithmetic of
the 测算依据 — each with a consistent variant that must stay silent and an inconsistent one
that must be found.
"""

from __future__ import annotations

import pytest
from tests.audit.test_prose_families import _errors, _found

# --- the per-unit after a slash, whatever is counted -------------------------------------------

@pytest.mark.parametrize("template", [
    "新建道路3.5公里，造价100万元/公里，总投资{t}万元。",
    "资助学生200名，资助标准2000元/名，共资助{t}万元。",
    "资助学生200人，资助标准2000元/人，共资助{t}万元。",
    "覆盖20个行政村，补助标准5万元/村，合计{t}万元。",
    "发放能繁母猪补贴1000头，补贴标准100元/头，补贴资金{t}万元。",
    "新建学校3所，补助标准100万元/校，共补助{t}万元。",
    "新建护栏1200米，单价500元/米，共计{t}万元。",
])
def test_per_unit_after_a_slash(template: str) -> None:
    good = {"新建道路": "350", "资助学生200名": "40", "资助学生200人": "40", "覆盖": "100",
            "发放": "10", "新建学校": "300", "新建护栏": "60"}
    value = next(v for k, v in good.items() if template.startswith(k))
    assert _found(template.format(t=value)) == set()
    wrong = str(int(value) + int(value) // 5 + 1)
    assert ("product-mismatch", wrong) in _errors(template.format(t=wrong))


@pytest.mark.parametrize("template", [
    "聘用护林员100名，补助标准为200元/月/人，全年补助资金{t}万元。",   # the period first
    "聘用护林员100名，补助标准为200元/人/月，全年补助资金{t}万元。",
    "聘用护林员100名，补助标准为200元/月·人，全年补助资金{t}万元。",
    "聘用护林员100名，每人每月200元，全年补助资金{t}万元。",
])
def test_period_before_or_after_the_unit(template: str) -> None:
    assert not [f for f in _found(template.format(t="24")) if f[2] == "E"]
    # (a monthly amount per head: head counts change in a year, so a warning at least)
    assert any(f[:2] == ("product-mismatch", "30") for f in _found(template.format(t="30")))


@pytest.mark.parametrize("template", [
    "聘用护林员100名，月工资2000元/人，全年工资{t}万元。",
    "聘用保洁员100名，月薪酬2000元/人，全年{t}万元。",
    "聘用护林员100名，月补助2000元/人，全年补助资金{t}万元。",
])
def test_period_named_in_the_price_noun(template: str) -> None:
    # main read 月工资2000元/人 as a one-off price: 100 × 2000 = 20万 ≠ 240万, a false error
    assert not [f for f in _found(template.format(t="240")) if f[2] == "E"]
    assert any(f[:2] == ("product-mismatch", "260") for f in _found(template.format(t="260")))


def test_yearly_price_per_head_named_by_its_noun() -> None:
    assert _found("聘用保洁员5名，年工资3万元/人，全年工资15万元。") == set()
    assert ("product-mismatch", "18") in _errors("聘用保洁员5名，年工资3万元/人，全年工资18万元。")
    # 人均 over persons counted in 名 (as 每人 already was)
    assert _found("聘用保洁员5名，人均年工资3万元，全年工资15万元。") == set()
    assert ("product-mismatch", "18") in _errors("聘用保洁员5名，人均年工资3万元，全年工资18万元。")


# --- the paid total named first by its own money noun ------------------------------------------

@pytest.mark.parametrize("template", [
    "共发放慰问金{t}万元，慰问困难群众120人，每人300元。",
    "全年租金{t}万元，租用面积200平方米，每平方米每月300元。",
    "年物业费{t}万元，物业管理面积1200平方米，每平方米每年300元。",
])
def test_total_named_by_its_money_noun_before_the_price(template: str) -> None:
    good = "72" if "租金" in template else "36" if "物业费" in template else "3.6"
    assert _found(template.format(t=good)) == set()
    wrong = "80" if "租金" in template else "40" if "物业费" in template else "4.6"
    assert ("product-mismatch", wrong) in _errors(template.format(t=wrong))


# --- the writer's own arithmetic (测算依据) -----------------------------------------------------

@pytest.mark.parametrize("template", [
    "测算依据：50户×2000元/户={t}万元。",
    "测算依据：50户×2000元={t}万元",  # no 。
    "补助农户50户，补助资金{t}万元（50户×2000元/户）。",
    "补助资金{t}万元=50户×2000元/户。",
    "资金测算：50 户 × 2000 元/户 = {t} 万元。",  # PDF spaces
    "测算依据：50户*2000元/户={t}万元。",
])
def test_written_out_product(template: str) -> None:
    assert _found(template.format(t="10")) == set()
    assert ("product-mismatch", "12") in _errors(template.format(t="12"))


@pytest.mark.parametrize("template", [
    "测算依据：100人×200元/人/月×12个月={t}万元。",
    "测算依据：100人×200元×12个月={t}万元。",
    "护林员补助{t}万元（100人×200元/人/月×12个月）。",
])
def test_written_out_product_with_periods(template: str) -> None:
    # main read the 12个月 factor of a written-out product as no period: a false error
    assert _found(template.format(t="24")) == set()
    assert ("product-mismatch", "28") in _errors(template.format(t="28"))


@pytest.mark.parametrize("text", [
    "项目总投资100万元×80%=80万元。",           # a share of an amount
    "办公室面积20平方米×3间=60平方米。",          # no money
    "100万元×2=200万元，50万元×2=100万元。",      # each its own product
])
def test_written_out_products_that_hold_stay_silent(text: str) -> None:
    assert _errors(text) == set()


def test_written_out_share_of_an_amount() -> None:
    assert ("product-mismatch", "90") in _errors("项目总投资100万元×80%=90万元。")


def test_two_money_factors_are_not_read() -> None:
    # (price × price: which one the result is in is not said)
    assert _errors("100万元×200元=300万元。") == set()


# --- the quantity or the total in the clause next to the price's ------------------------------

@pytest.mark.parametrize("template", [
    "租用办公用房200平方米。租金每平方米每月30元，全年租金{t}万元。",   # the area in the sentence before
    "租用办公用房200平方米，租金每平方米每月30元；全年租金{t}万元。",   # the total after ；
    "物业管理面积8000平方米。物业费2元/平方米/月，全年物业费{t}万元。",
])
def test_relation_over_two_clauses_is_a_warning(template: str) -> None:
    good = "19.2" if "物业" in template else "7.2"
    assert _found(template.format(t=good)) == set()
    wrong = "21" if "物业" in template else "8.2"
    # (the figure of the other clause may be another area or total: a warning, never silent)
    assert ("product-mismatch", wrong, "w") in _found(template.format(t=wrong))


def test_a_count_two_clauses_away_is_not_taken_when_the_clause_counts() -> None:
    # the price's own clause names its count: the sentence before is not read
    text = "全村共有农户300户。慰问困难群众120户，每户300元，共{t}万元。"
    assert _found(text.format(t="3.6")) == set()
    assert ("product-mismatch", "4.6") in _errors(text.format(t="4.6"))


# --- an amount per period and what the periods come to ----------------------------------------

@pytest.mark.parametrize("template", [
    "租用办公用房，租金每月6000元，全年{t}万元。",
    "每月租金6000元，全年租金{t}万元。",
    "月租金6000元，租期12个月，共{t}万元。",
    "租用办公用房200平方米，租金每月6000元，全年{t}万元",   # the area of the whole rent, no 。
    "物业服务费每月0.6万元，全年物业服务费{t}万元。",
])
def test_monthly_rent_and_the_year(template: str) -> None:
    assert _found(template.format(t="7.2")) == set()
    assert ("product-mismatch", "8.2") in _errors(template.format(t="8.2"))


def test_yearly_rent_over_the_term() -> None:
    assert _found("租赁期3年，年租金10万元，租金总额30万元。") == set()
    assert ("product-mismatch", "35") in _errors("租赁期3年，年租金10万元，租金总额35万元。")


@pytest.mark.parametrize("text", [
    "护林员月工资2000元，全年工资支出24万元。",        # per head of a count stated elsewhere
    "每月租金6000元，上半年支付租金3.6万元。",          # half a year
    "每月租金6000元，上半年支付租金3万元。",
    "租用办公室3间，每间月租金2000元，全年租金7.2万元。",  # per room: the price reading's
    "月均支出6000元，全年支出7.2万元。",
    "每月租金6000元，全年租金7.2万元，另支付押金1万元。",
])
def test_per_period_readings_that_must_not_fire(text: str) -> None:
    assert _errors(text) == set(), text


# --- 每个 + the kind of place counted ------------------------------------------------------------

@pytest.mark.parametrize("template", [
    "奖补10个示范村，每个示范村奖补20万元，共计奖补资金{t}万元。",
    "覆盖10个行政村，每个行政村补助20万元，合计{t}万元。",
    "建设10个村级服务站，每个服务站投入20万元，共{t}万元。",
])
def test_each_place_named_after_each(template: str) -> None:
    assert _found(template.format(t="200")) == set()
    assert ("product-mismatch", "220") in _errors(template.format(t="220"))


def test_each_household_named_at_length_is_not_a_price() -> None:
    # round 3 410: the dividend per household is no price of the project's total
    assert _errors("项目已带动14户贫困户分红，分红款每户贫困户可分得700元，共计40.83万元。") == set()
