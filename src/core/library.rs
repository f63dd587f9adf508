//! The activity library: tried activities a facilitator can drop into a plan,
//! each with its purpose, steps, script, materials, variations and consent
//! notes, plus pools of check-in and check-out prompts.
//!
//! The built-in library ships as RON (`assets/library.ron`); a facilitator's
//! own `library.ron` uses the same format and is merged over it, so a
//! group can rewrite a built-in activity in its own words under the same id.

use std::fmt;

use jiff::SignedDuration;
use serde::{Deserialize, Serialize};

use super::breakout::plan::{Split, serde_delegates};
use super::decision::rules::Method;
use super::duration::{LONGEST, friendly, serde_friendly_opt};
use super::names::Query;
use super::plan::{Cue, Exercise, GroupFormat, Segment, SegmentKind};
use super::validate::{check_length, script_problems, segment_problems, step_problems};

/// Every activity and prompt the facilitator can draw on.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Library {
    #[serde(default)]
    pub activities: Vec<Activity>,
    /// Questions to open a circle with.
    #[serde(default)]
    pub check_ins: Vec<String>,
    /// Questions to close a circle with.
    #[serde(default)]
    pub check_outs: Vec<String>,
}

/// One activity, written so a volunteer can read the cues aloud as they are.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    /// Short and stable ("trust-walk"): plans and user files refer to it.
    pub id: String,
    pub kind: SegmentKind,
    pub title: String,
    #[serde(default)]
    pub purpose: String,
    #[serde(deserialize_with = "super::limits::steps")]
    pub steps: Vec<ActivityStep>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub materials: Vec<String>,
    /// Other ways to run it (a smaller group, no outdoor space, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variations: Vec<String>,
    /// What to say or watch so taking part stays an invitation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consent: Vec<String>,
    /// Agreements the activity brings with it (welcome circle, anti-retreat).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub agreements: Vec<String>,
    /// Roles it needs held (greeter, timekeeper, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// The question of a round, when the activity has a usual one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prompt: Option<String>,
    /// How a decision activity tests for agreement; it becomes the
    /// segment's `method`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<Method>,
    /// How a breakout activity splits the room; it becomes the segment's
    /// `split`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split: Option<Split>,
    /// Delegates each group of a breakout activity sends (2: a pair).
    #[serde(
        default,
        with = "serde_delegates",
        skip_serializing_if = "Option::is_none"
    )]
    pub delegates: Option<u8>,
}

/// One step of an activity: how the room is split, how much it asks of
/// people, how long it takes, and what the facilitator says and does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivityStep {
    pub title: String,
    pub format: GroupFormat,
    /// How much it asks people to share, 1 (playful) to 5 (intimate).
    pub intimacy: u8,
    /// The step's time box, when it has a fixed one.
    #[serde(
        default,
        with = "serde_friendly_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub time: Option<SignedDuration>,
    /// Time per person, for steps that go around the circle.
    #[serde(
        default,
        with = "serde_friendly_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub per_person: Option<SignedDuration>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub script: Vec<Cue>,
}

/// A time box for an activity whose steps name none (a round sized by
/// head count): enough to start with, and easy to change in the plan.
pub fn default_time(kind: SegmentKind) -> SignedDuration {
    let mins = match kind {
        SegmentKind::Break => 15,
        SegmentKind::CheckIn | SegmentKind::Round | SegmentKind::ClosingRound => 20,
        SegmentKind::WelcomeCircle | SegmentKind::Custom => 20,
        SegmentKind::IcebreakerSequence | SegmentKind::OpenFloor | SegmentKind::Decision => 30,
        SegmentKind::Breakout => 40,
        SegmentKind::ReportBack => 20,
        SegmentKind::Workshop => 60,
        SegmentKind::AntiRetreat => 90,
    };
    SignedDuration::from_mins(mins)
}

/// An icebreaker exercise whose step names no time gets this much.
const DEFAULT_EXERCISE: SignedDuration = SignedDuration::from_mins(10);

impl ActivityStep {
    /// "pairs, intimacy 3, 25m, 1m each": the step at a glance.
    pub fn summary(&self) -> String {
        let mut parts = vec![self.format.label(), format!("intimacy {}", self.intimacy)];
        parts.extend(self.time.map(friendly));
        parts.extend(self.per_person.map(|p| format!("{} each", friendly(p))));
        parts.join(", ")
    }
}

impl Activity {
    /// Sum of the steps' time boxes; `None` when no step has one.
    pub fn total(&self) -> Option<SignedDuration> {
        self.steps
            .iter()
            .filter_map(|s| s.time)
            .reduce(|a, b| a.saturating_add(b))
    }

    /// The activity as a plan segment, ready to insert: the steps' times
    /// summed (or the kind's default), their scripts in order, and for an
    /// icebreaker sequence one exercise per step.
    pub fn to_segment(&self) -> Segment {
        let mut s = Segment::new(
            self.title.clone(),
            self.kind,
            self.total().unwrap_or(default_time(self.kind)),
        );
        s.purpose = Some(self.purpose.clone()).filter(|p| !p.trim().is_empty());
        s.materials = self.materials.clone();
        s.agreements = self.agreements.clone();
        s.roles = self.roles.clone();
        s.prompt = self.prompt.clone();
        s.activity = Some(self.id.clone());
        s.method = self.method;
        if self.kind.is_round()
            || matches!(self.kind, SegmentKind::OpenFloor | SegmentKind::ReportBack)
        {
            s.per_speaker = self.steps.iter().find_map(|step| step.per_person);
        }
        if self.kind == SegmentKind::Breakout {
            s.split = self.split;
            s.delegates = self.delegates;
            // A step of delegates reporting, each in turn, is the
            // report-back at the end of the breakout.
            if let Some(report) = self.steps.iter().skip(1).find(|st| st.per_person.is_some()) {
                s.per_speaker = report.per_person;
                s.report_back = report.time;
            }
        }
        if self.kind == SegmentKind::IcebreakerSequence {
            s.steps = self.steps.iter().map(|step| self.exercise(step)).collect();
            s.time = s
                .steps
                .iter()
                .fold(SignedDuration::ZERO, |t, e| t.saturating_add(e.time));
        } else {
            let headed = self.steps.len() > 1;
            for (i, step) in self.steps.iter().enumerate() {
                if headed {
                    s.script.push(Cue {
                        act: Some(format!(
                            "Step {}: {} ({})",
                            i + 1,
                            step.title,
                            step.summary()
                        )),
                        ..Cue::default()
                    });
                }
                s.script.extend(step.script.iter().cloned());
            }
        }
        s
    }

    fn exercise(&self, step: &ActivityStep) -> Exercise {
        let mut script = Vec::new();
        if let Some(p) = step.per_person {
            script.push(Cue {
                act: Some(format!("Allow about {} per person.", friendly(p))),
                ..Cue::default()
            });
        }
        script.extend(step.script.iter().cloned());
        Exercise {
            title: step.title.clone(),
            format: step.format,
            intimacy: step.intimacy,
            time: step.time.unwrap_or(DEFAULT_EXERCISE),
            script,
            activity: Some(self.id.clone()),
            nesting: None,
        }
    }
}

/// One thing wrong with a library, named by the activity it is in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryProblem {
    /// The activity's id; `None` for the prompt pools.
    pub activity: Option<String>,
    pub message: String,
}

impl fmt::Display for LibraryProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.activity {
            Some(id) => write!(f, "activity '{}': {}", super::echo::echo(id), self.message),
            None => write!(f, "library: {}", self.message),
        }
    }
}

impl Library {
    pub fn get(&self, id: &str) -> Option<&Activity> {
        self.activities.iter().find(|a| a.id == id)
    }

    /// The user's library over this one: an activity with the same id
    /// replaces the built-in one in place, new ones go at the end, and
    /// prompts are added unless already there.
    pub fn merge(mut self, user: Library) -> Library {
        for activity in user.activities {
            match self.activities.iter_mut().find(|a| a.id == activity.id) {
                Some(slot) => *slot = activity,
                None => self.activities.push(activity),
            }
        }
        add_new(&mut self.check_ins, user.check_ins);
        add_new(&mut self.check_outs, user.check_outs);
        self
    }

    /// Ids that look like `wanted`, closest first, for "did you mean".
    pub fn close_ids(&self, wanted: &str) -> Vec<&str> {
        let wanted = wanted.to_lowercase();
        let mut scored: Vec<(usize, &str)> = self
            .activities
            .iter()
            .filter_map(|a| {
                let id = a.id.to_lowercase();
                let distance = edit_distance(&wanted, &id);
                let related = id.contains(&wanted) || wanted.contains(&id);
                let near = distance <= (id.chars().count() / 3).max(2);
                (related || near).then_some((distance, a.id.as_str()))
            })
            .collect();
        scored.sort();
        scored.into_iter().map(|(_, id)| id).take(5).collect()
    }
}

fn add_new(pool: &mut Vec<String>, more: Vec<String>) {
    for prompt in more {
        if !pool.contains(&prompt) {
            pool.push(prompt);
        }
    }
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(ca != *cb))
                .min(above + 1)
                .min(row[j] + 1);
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Activities matching `query` for the picker, best first: those whose id,
/// title or kind match it (fuzzily, case and accents aside, as names do),
/// then those whose purpose holds every word of it. An empty query lists
/// them all, in library order.
pub fn search<'a>(activities: &'a [Activity], query: &str) -> Vec<&'a Activity> {
    let mut heads = Query::fuzzy(query);
    let mut words = Query::words(query);
    let mut found: Vec<(u8, std::cmp::Reverse<u32>, usize)> = activities
        .iter()
        .enumerate()
        .filter_map(|(i, a)| {
            let head = format!("{} {} {}", a.id, a.title, a.kind.label());
            match heads.score(&head) {
                Some(s) => Some((0, std::cmp::Reverse(s), i)),
                None => words
                    .matches(&a.purpose)
                    .then_some((1, std::cmp::Reverse(0), i)),
            }
        })
        .collect();
    found.sort();
    found.into_iter().map(|(_, _, i)| &activities[i]).collect()
}

/// Everything that makes a library unusable; empty when it is fine.
pub fn validate(library: &Library) -> Vec<LibraryProblem> {
    let mut out = Vec::new();
    for (i, a) in library.activities.iter().enumerate() {
        let name = if a.id.trim().is_empty() {
            format!("number {}", i + 1)
        } else {
            a.id.clone()
        };
        let mut problem = |message: String| {
            out.push(LibraryProblem {
                activity: Some(name.clone()),
                message,
            })
        };
        if library.activities[..i].iter().any(|b| b.id == a.id) {
            problem("this id is used by an earlier activity; ids must be unique".into());
        }
        let own = activity_problems(a);
        if own.is_empty() {
            // Steps that are fine one by one may still add up wrong.
            for m in segment_problems(&a.to_segment()) {
                problem(format!("as a plan segment: {m}"));
            }
        }
        for m in own {
            problem(m);
        }
    }
    for (pool, prompts) in [
        ("check-in", &library.check_ins),
        ("check-out", &library.check_outs),
    ] {
        for (k, p) in prompts.iter().enumerate() {
            if p.trim().is_empty() {
                out.push(LibraryProblem {
                    activity: None,
                    message: format!("{pool} prompt {} is empty", k + 1),
                });
            }
        }
    }
    out
}

fn activity_problems(a: &Activity) -> Vec<String> {
    let mut out = Vec::new();
    if a.id.trim().is_empty() {
        out.push("the id is empty".into());
    } else if a.id.chars().any(char::is_whitespace) {
        out.push(format!(
            "the id '{}' has spaces; use dashes",
            super::echo::echo(&a.id)
        ));
    }
    if a.title.trim().is_empty() {
        out.push("the title is empty".into());
    }
    if a.steps.is_empty() {
        out.push("it needs at least one step".into());
    }
    for (j, step) in a.steps.iter().enumerate() {
        let at = format!("step {} '{}': ", j + 1, super::echo::echo(&step.title));
        if step.title.trim().is_empty() {
            out.push(format!("{at}the title is empty"));
        }
        out.extend(step_problems(&at, step.format, step.intimacy));
        for (what, d) in [("time", step.time), ("per-person time", step.per_person)] {
            out.extend(
                d.and_then(|d| check_length(what, d, LONGEST))
                    .map(|m| format!("{at}{m}")),
            );
        }
        if let (Some(t), Some(p)) = (step.time, step.per_person)
            && p > t
        {
            out.push(format!(
                "{at}per-person time {} is longer than the step's {}",
                friendly(p),
                friendly(t)
            ));
        }
        out.extend(script_problems(&step.script, &at));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(title: &str, format: GroupFormat, intimacy: u8, mins: Option<i64>) -> ActivityStep {
        ActivityStep {
            title: title.into(),
            format,
            intimacy,
            time: mins.map(SignedDuration::from_mins),
            per_person: None,
            script: vec![Cue::say(format!("{title}, please."))],
        }
    }

    fn activity(id: &str, kind: SegmentKind, steps: Vec<ActivityStep>) -> Activity {
        Activity {
            id: id.into(),
            kind,
            title: format!("The {id}"),
            purpose: "Why we do it.".into(),
            steps,
            materials: vec!["chairs".into()],
            variations: vec![],
            consent: vec![],
            agreements: vec![],
            roles: vec![],
            prompt: None,
            method: None,
            split: None,
            delegates: None,
        }
    }

    fn library(activities: Vec<Activity>) -> Library {
        Library {
            activities,
            check_ins: vec!["How are you?".into()],
            check_outs: vec!["One word?".into()],
        }
    }

    #[test]
    fn user_activities_replace_by_id_and_append_the_rest() {
        let builtin = library(vec![
            activity("walk", SegmentKind::Custom, vec![]),
            activity("talk", SegmentKind::Round, vec![]),
        ]);
        let mut mine = activity("walk", SegmentKind::Workshop, vec![]);
        mine.title = "Our walk".into();
        let user = Library {
            activities: vec![mine, activity("sing", SegmentKind::Custom, vec![])],
            check_ins: vec!["How are you?".into(), "What are you bringing?".into()],
            check_outs: vec!["What are you taking home?".into()],
        };
        let merged = builtin.merge(user);
        let ids: Vec<&str> = merged.activities.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["walk", "talk", "sing"]);
        assert_eq!(merged.get("walk").unwrap().title, "Our walk");
        assert_eq!(merged.get("walk").unwrap().kind, SegmentKind::Workshop);
        assert_eq!(merged.check_ins, ["How are you?", "What are you bringing?"]);
        assert_eq!(
            merged.check_outs,
            ["One word?", "What are you taking home?"]
        );
    }

    #[test]
    fn problems_name_the_activity() {
        let mut bad = activity(
            "names",
            SegmentKind::IcebreakerSequence,
            vec![step("Names", GroupFormat::Circles(1), 7, Some(10))],
        );
        bad.title = " ".into();
        let lib = library(vec![
            bad,
            activity("empty", SegmentKind::Custom, vec![]),
            activity(
                "empty",
                SegmentKind::Custom,
                vec![step("A", GroupFormat::Pairs, 2, None)],
            ),
        ]);
        let problems: Vec<String> = validate(&lib).iter().map(|p| p.to_string()).collect();
        assert!(problems.contains(&"activity 'names': the title is empty".to_string()));
        assert!(
            problems
                .iter()
                .any(|p| p.starts_with("activity 'names': step 1 'Names': intimacy is 7"))
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("circles need at least 2"))
        );
        assert!(problems.contains(&"activity 'empty': it needs at least one step".to_string()));
        assert!(
            problems
                .iter()
                .any(|p| p.contains("'empty': this id is used"))
        );
        assert_eq!(problems.len(), 5, "{problems:?}");
    }

    #[test]
    fn times_that_only_fail_as_a_segment_are_caught() {
        let mut go = step("Go round", GroupFormat::WholeGroup, 1, None);
        go.per_person = Some(SignedDuration::from_mins(40));
        let steps = vec![step("Settle", GroupFormat::WholeGroup, 1, Some(15)), go];
        let problems = validate(&library(vec![activity("round", SegmentKind::Round, steps)]));
        assert_eq!(
            problems[0].to_string(),
            "activity 'round': as a plan segment: per-speaker time is 40m, longer than 15m"
        );
        let steps = vec![
            step("A", GroupFormat::Pairs, 2, Some(20 * 60)),
            step("B", GroupFormat::Pairs, 2, Some(20 * 60)),
        ];
        let problems = validate(&library(vec![activity("long", SegmentKind::Custom, steps)]));
        assert!(
            problems[0]
                .message
                .starts_with("as a plan segment: the time box is 40h")
        );
    }

    #[test]
    fn empty_prompts_are_refused() {
        let mut lib = library(vec![]);
        lib.check_outs.push("  ".into());
        assert_eq!(
            validate(&lib)[0].to_string(),
            "library: check-out prompt 2 is empty"
        );
    }

    #[test]
    fn icebreaker_steps_become_exercises() {
        let mut walk = step("Walk", GroupFormat::Pairs, 3, None);
        walk.per_person = Some(SignedDuration::from_mins(5));
        let a = activity(
            "climb",
            SegmentKind::IcebreakerSequence,
            vec![step("Names", GroupFormat::WholeGroup, 1, Some(15)), walk],
        );
        let s = a.to_segment();
        assert_eq!(s.activity.as_deref(), Some("climb"));
        assert_eq!(s.steps.len(), 2);
        assert_eq!(s.steps[1].time, DEFAULT_EXERCISE);
        assert_eq!(s.steps[1].format, GroupFormat::Pairs);
        assert_eq!(s.steps[1].script.len(), 2);
        assert_eq!(s.steps[0].activity.as_deref(), Some("climb"));
        assert_eq!(s.time, SignedDuration::from_mins(25));
        assert!(s.script.is_empty());
        assert!(segment_problems(&s).is_empty());
    }

    #[test]
    fn other_steps_flatten_into_one_script() {
        let mut go = step("Go round", GroupFormat::WholeGroup, 2, None);
        go.per_person = Some(SignedDuration::from_mins(1));
        let one = activity("check-in", SegmentKind::CheckIn, vec![go]);
        let s = one.to_segment();
        assert_eq!(s.time, default_time(SegmentKind::CheckIn));
        assert_eq!(s.per_speaker, Some(SignedDuration::from_mins(1)));
        assert_eq!(s.script, [Cue::say("Go round, please.")]);
        assert_eq!(s.purpose.as_deref(), Some("Why we do it."));
        assert_eq!(s.materials, ["chairs"]);

        let two = activity(
            "talk",
            SegmentKind::AntiRetreat,
            vec![
                step("Agree", GroupFormat::WholeGroup, 2, Some(10)),
                step("Speak", GroupFormat::WholeGroup, 4, Some(30)),
            ],
        );
        let s = two.to_segment();
        assert_eq!(s.time, SignedDuration::from_mins(40));
        assert_eq!(s.script.len(), 4);
        assert_eq!(
            s.script[2].act.as_deref(),
            Some("Step 2: Speak (whole group, intimacy 4, 30m)")
        );
        assert!(s.steps.is_empty());
        assert_eq!(s.per_speaker, None);
    }

    #[test]
    fn close_ids_suggest_near_misses() {
        let lib = library(vec![
            activity("trust-walk", SegmentKind::Custom, vec![]),
            activity("check-in-round", SegmentKind::CheckIn, vec![]),
            activity("check-out-round", SegmentKind::Round, vec![]),
            activity("break", SegmentKind::Break, vec![]),
        ]);
        assert_eq!(lib.close_ids("trustwalk"), ["trust-walk"]);
        assert_eq!(
            lib.close_ids("check"),
            ["check-in-round", "check-out-round"]
        );
        assert_eq!(lib.close_ids("brake"), ["break"]);
        assert!(lib.close_ids("zzzzzzzz").is_empty());
    }
}
