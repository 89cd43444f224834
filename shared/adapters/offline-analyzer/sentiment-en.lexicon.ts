/**
 * English sentiment lexicon (lower case). Valences roughly -4..4. `stem*` matches
 * inflected forms; `a_b` is a multi-word phrase. General customer-service vocabulary.
 */
import type { LexiconSource } from './lexicon-builder.js';

const POSITIVE = `
great:3 excellent:3.2 amazing:3.2 awesome:3 fantastic:3.2 wonderful:3.2 brilliant:3 outstanding:3.2 superb:3.2
perfect:3 perfectly:2.5 incredible:3 incredibly:1.5 exceptional:3 phenomenal:3.2 stellar:3 terrific:3 fabulous:3
marvelous:3 marvellous:3 lovely:2.8 love:3 loved:3 loving:2.5 loves:3 adore:3 adored:3 like:0 liked:1.8 enjoy:2
enjoyed:2.2 enjoying:2 good:2 nice:2 fine:0.6 decent:1.2 solid:1.5 happy:2.5 happier:2.5 glad:2 pleased:2.5
delighted:3 thrilled:3 satisfied:2.2 impressed:2.5 impressive:2.5 recommend:2.5 recommended:2 recommending:2.5
best:2.8 better:1.5 beautiful:2.8 beautifully:2.5 gorgeous:3 delicious:3 tasty:2.5 yummy:2.5 fresh:1.2
friendly:2.2 helpful:2.5 kind:2 kindly:0.5 polite:2 courteous:2.2 professional:1.8 professionally:1.8
knowledgeable:2 patient:1.5 attentive:2.2 caring:2.2 responsive:2 quick:1.8 quickly:1.5 fast:1.8 speedy:2
prompt:1.8 promptly:1.8 efficient:2.2 smooth:2 smoothly:2 seamless:2.5 easy:1.5 easier:1.5 effortless:2.2
simple:0.8 intuitive:2 reliable:2 trustworthy:2 clean:1.5 spotless:2.8 tidy:1.5 comfortable:2 cozy:2 cosy:2
spacious:1.8 convenient:2 affordable:1.5 reasonable:1 cheap:0.3 fair:1 worth:1.5 worth_it:2.5 worth_every_penny:3
value_for_money:2 thank:1 thanks:1 thankful:2 grateful:2.2 appreciate:1.8 appreciated:1.8 kudos:2.5 bravo:2.5
congrats:2 congratulations:2 cheers:0.5 fixed:1 solved:1.5 resolved:1.2 sorted:1.5 works:0.8 worked:0.8
improved:1.8 improvement:1.5 flawless:3 flawlessly:3 top_notch:3 first_class:2.8 five_stars:2.8 5_stars:2.8
10/10:3 a+:2.5 beyond_expectations:3 exceeded:2.5 exceeds:2.5 above_and_beyond:3 went_above_and_beyond:3
lifesaver:3 life_saver:3 gem:2.5 blessed:2 fun:2 enjoyable:2.2 pleasant:2.2 pleasure:2 excited:2.2 exciting:2.2
love_it:3 love_this:3 cool:1.8 neat:1.5 sweet:1.5 slaps:2.5 fire:1.5 goat:2 legit:1.5 dope:2 rocks:2 rock:0
hands_down_the_best:3.5 highly:1 highest:1.5 praise:2 well_done:2.5 nailed_it:2.5 spot_on:2.5 on_time:1.5
as_expected:1 as_described:1.5 no_complaints:2.2 no_issues:1.8 no_problems:1.8 no_problem:1 stunning:3 superb:3
favourite:2.5 favorite:2.5 charming:2.5 welcoming:2.2 warm:1.2 generous:2 honest:1.8 transparent:1.5 genuine:1.8
wow:1.5 yay:2.5 woohoo:2.5 finally:0.3 success:2 successful:2 successfully:1.5 safe:1 secure:1 stable:1
accurate:1.5 useful:1.8 handy:1.5 valuable:2 quality:0.6 high_quality:2.2 top_quality:2.5 recommendable:2.5
skilled:2 talented:2.5 gentle:1.8 thoughtful:2.2 considerate:2.2 reassuring:2 relieved:1.8 relief:1.5
painless:2 hassle-free:2.5 hassle_free:2.5 user-friendly:2 user_friendly:2 on_point:2.5 wins:1.5 winner:2
good_morning:0 good_afternoon:0 good_evening:0 good_day:0 win-win:2 win_win:2 delivered_on:1.5
kept_their_promise:2 kept_their_word:2 legendary:3 epic:2.5 heavenly:3 divine:2.5 incredible_service:3 surprisingly_good:2.5 pleasantly:2
`;

const NEGATIVE = `
bad:-2.5 worse:-2.5 worst:-3.5 terrible:-3.5 terribly:-3 horrible:-3.5 horribly:-3 awful:-3.5 awfully:-2
dreadful:-3.2 appalling:-3.5 atrocious:-3.5 abysmal:-3.5 pathetic:-3 useless:-3 worthless:-3 rubbish:-3
garbage:-3 trash:-3 junk:-2.8 crap:-3 crappy:-3 shit:-3 shitty:-3.2 sucks:-3 suck:-2.5 sucked:-3 lousy:-3
poor:-2.2 poorly:-2.2 mediocre:-2 subpar:-2.2 disappointing:-3 disappointed:-3 disappointment:-3 disappoint:-2.5
frustrating:-2.8 frustrated:-2.8 frustration:-2.5 annoying:-2.5 annoyed:-2.5 irritating:-2.5 angry:-3 furious:-3.5
livid:-3.5 upset:-2.5 unhappy:-2.5 sad:-2 hate:-3.5 hated:-3.5 hates:-3.5 dislike:-2 disliked:-2 ridiculous:-3
absurd:-3 outrageous:-3 unacceptable:-3.2 disgrace:-3.2 disgraceful:-3.2 shameful:-3 shame:-2.2 disgusting:-3.5
gross:-2.5 nasty:-3 filthy:-3 dirty:-2.5 smelly:-2.5 stinks:-2.8 broken:-2.5 broke:-2 breaks:-2 cracked:-2
damaged:-2.5 defective:-2.8 faulty:-2.5 dented:-2 scratched:-1.8 torn:-2 leaking:-2 leaked:-2 leaks:-2
missing:-1.8 lost:-2 wrong:-2 incorrect:-2 mistake:-1.8 mistakes:-1.8 error:-1.5 errors:-1.5 bug:-1.5 buggy:-2.2
glitch:-1.8 glitchy:-2.2 crash:-2.2 crashes:-2.2 crashed:-2.2 crashing:-2.2 freezes:-2 froze:-2 frozen:0 lag:-1.5
laggy:-2 slow:-2 slowly:-1.5 slower:-2 sluggish:-2 late:-2 delayed:-2 delay:-2 delays:-2 overdue:-2 waiting:-1
waited:-1.3 wait:-0.5 queue:-0.8 on_hold:-2 hold_time:-1.5 hold_times:-1.5 rude:-3 rudely:-3 unprofessional:-3
incompetent:-3 clueless:-2.5 careless:-2.5 dismissive:-2.5 unhelpful:-2.5 unresponsive:-2.5 ignored:-2.5
ignoring:-2.5 ignore:-1.5 nightmare:-3.2 disaster:-3.2 disastrous:-3.2 mess:-2.5 messy:-2 chaos:-2.5 chaotic:-2.5
scam:-3.5 scammed:-3.5 fraud:-3.2 fraudulent:-3.2 ripoff:-3 rip-off:-3 rip_off:-3 ripped_off:-3 overcharged:-3
overpriced:-2.5 expensive:-1.5 pricey:-1.2 charged_twice:-2.8 double_charged:-2.8 double_charge:-2.8 chargeback:-2
refund:-0.6 refunds:-0.6 cancel:-0.4 cancelled:-0.8 canceled:-0.8 cancellation:-0.4 complain:-1.8 complaint:-1.5
complaints:-1.5 complaining:-1.8 problem:-1.5 problems:-1.5 issue:-1.2 issues:-1.2 trouble:-1.8 hassle:-2
fail:-2.2 failed:-2.2 fails:-2.2 failing:-2.2 failure:-2.5 unreliable:-2.5 unstable:-2 outage:-2.5 outages:-2.5
down:-0.5 dropped:-1.5 drops:-1.5 disconnected:-2 cut_off:-2 stuck:-2 confusing:-2 confused:-1.5 complicated:-1.5
difficult:-1.8 impossible:-2.2 hard:-0.8 painful:-2.5 pain:-2 hurt:-2 hurts:-2 sick:-2 ill:-1.5 cold:-0.8
stale:-2 bland:-1.8 soggy:-2 burnt:-2 undercooked:-2.2 overcooked:-2 tasteless:-2.2 inedible:-3 cramped:-1.5
noisy:-2 loud:-1.2 uncomfortable:-2 unsafe:-2.5 misleading:-2.8 misled:-2.8 lied:-3 lying:-3 lies:-3 liar:-3
cheated:-3 cheat:-2.8 stolen:-2.5 stole:-2.5 regret:-2.5 regrets:-2.5 regretted:-2.5 waste:-2.5 wasted:-2.5
waste_of_money:-3.2 waste_of_time:-3.2 never_again:-3 not_worth:-2.5 horrendous:-3.5 unbelievable:-1.5
inexcusable:-3.2 insulting:-3 insult:-2.5 disrespectful:-3 disrespect:-3 neglect:-2.5 neglected:-2.5
incompetence:-3 joke:-2.2 a_joke:-3 clown:-2.2 clowns:-2.5 ugh:-2 argh:-2 smh:-2 wtf:-2.5 meh:-1.2 yikes:-2
sadly:-1.5 unfortunately:-1.5 apologize:-0.3 sorry:-0.5 worried:-1.5 concerning:-1.8 concerned:-1.5 scared:-2
stressful:-2.5 stressed:-2.2 exhausting:-2.5 tired:-1.5 fed_up:-3 sick_of:-3 had_enough:-2.5 tired_of:-2.5
nobody_cares:-3 no_one_cares:-3 no_response:-2.2 no_reply:-2.2 no_answer:-2 no_answers:-2 zero_answers:-2.5
without_notice:-1.8 without_warning:-1.8 still_waiting:-2.5 still_nothing:-2.5 still_no:-1.8 again_and_again:-2
over_and_over:-2 every_time:-0.6 third_time:-1.5 second_time:-1 yet_again:-2 once_again:-1 in_circles:-2.5
run_around:-2.5 runaround:-2.5 going_nowhere:-2.5 hung_up:-2.2 hung_up_on_me:-3 not_happy:-2.5 unusable:-3
poor_quality:-2.5 low_quality:-2.5 cheap_quality:-2.5 terrible_service:-3.5 bad_service:-3 falling_apart:-2.8
fell_apart:-2.8 worn_out:-1.8 shoddy:-2.8 flimsy:-2.2 rotten:-3 expired:-2 moldy:-3 mouldy:-3 infested:-3
bedbugs:-3.5 cockroach:-3 cockroaches:-3 soaked:-2 wet:-1 ruined:-3 ruin:-2.5 destroyed:-3 lied_to:-3
pushy:-2 spam:-1.8 spammy:-2 sketchy:-2.2 shady:-2.5 dodgy:-2.2 nope:-1 unreal:-1 crazy:-1 insane:-1.5 cardboard:-1
forever:-1.5 overwhelmed:-1.5 infuriating:-3 infuriated:-3 break:-2 dropping:-1.5 dirtier:-2 smelled:-0.8
smells:-0.5 unanswered:-2 out_of_service:-2 out_of_order:-2 heard_nothing:-2 no_way_to:-1.5 sort_it_out:-1.5
fix_it:-1.2 fix_this:-1.2 charged_me:-1.2 charging_me:-1.2 charged:-0.6 fee:-0.5 fees:-0.5 counterfeit:-2.5
fake:-2 knockoff:-2 not_so_much:-1.5 damage:-1.2 what_am_i_supposed_to:-2 what's_the_point:-2 are_you_kidding:-2.5
how_hard_is_it:-2 expected_better:-2 expect_better:-2 still_getting:-1.5 still_having:-1.5 still_not:-1.5
still_haven't:-2 still_hasn't:-2 still_don't:-1.5 still_doesn't:-1.5 still_can't:-1.8 dead:-1 died:-1.5
quicker:1.8 faster:1.5 nothing_to_complain_about:1.8 would_recommend:2.5 would_definitely_recommend:3 would_highly_recommend:3 would_buy_again:2.5
would_not_recommend:-2.5 would_never_recommend:-3 would_give_zero:-3 could_be_better:-1.2 could_have_been_better:-1.2
should_be_ashamed:-3 nothing_special:-0.5 average:-0.3 okay:0.3 ok:0.3 mediocre:-2 not_what_i_ordered:-2.5
asap:-0.5 suspended:-1.5 don't_buy:-2.5 do_not_buy:-2.5 refused:-1.5 refuses:-1.5
downhill:-2.5 gone_downhill:-3 went_downhill:-3 went_down_hill:-3 skeptical:-1 doubt:-1 awkward:-1.5
`;

const NEGATORS = `
not no never none nobody nothing neither nor without hardly barely cannot can't don't didn't doesn't isn't wasn't
aren't weren't won't wouldn't couldn't shouldn't haven't hasn't hadn't ain't zero nowhere
`;

/** Expected-good words: neutral alone, negative when negated ("didn't work", "never arrived"). */
const NEGATED = `
work:-2.2 works:-2.2 worked:-2.2 working:-2.2 arrive:-2 arrived:-2 arrives:-1.8 come:-1 came:-1.5 show:-1
showed:-2 show_up:-2 receive:-1.8 received:-1.8 deliver:-2 delivered:-2 help:-1.8 helped:-2 helping:-1.5
answer:-2 answered:-2 answers:-2 respond:-2 responded:-2 response:-2 reply:-2 replied:-2 call:-1 called:-1.5
fix:-1.8 fixed:-2 resolve:-2 resolved:-2 solved:-2 solve:-1.8 load:-1.8 loads:-1.8 open:-1.5 opens:-1.8
connect:-1.8 charge:-1 refund:-2 refunded:-2 sign:-0.5 notice:-1 notified:-1.5 informed:-1.5 update:-1
updated:-1.5 explanation:-1.5 expected:0 listen:-2 listened:-2 care:-2 cared:-2 fit:-1.5 fits:-1.5 match:-1.2
matches:-1.2 recommend:-2.5 worth:-2.5 last:-1 lasted:-1.5 honor:-2 honored:-2 keep:-0.5 kept:-1.5 access:-1.5
log:-1.5 login:-1.5 signal:-1.5 internet:-1.5 power:-1.5 water:-1.2 follow:-1.2 followed:-1.5 contact:-1
contacted:-1.5 returned:-1.5 back:-1.2 acknowledge:-2 acknowledged:-2 explained:-1.5 happening:-1.5 happened:-1.5 heard:-1.5 exist:-1.5 exists:-1.5 apologize:-1 apologized:-1.5 useful:-1.5
`;

const INTENSIFIERS = `
very:1.5 really:1.4 so:1.4 super:1.6 extremely:1.8 incredibly:1.7 totally:1.5 absolutely:1.7 completely:1.6
utterly:1.8 truly:1.4 highly:1.5 especially:1.3 particularly:1.3 quite:1.2 pretty:1.2 too:1.3 such:1.4 most:1.3
deeply:1.6 seriously:1.5 insanely:1.7 ridiculously:1.7 unbelievably:1.7 exceptionally:1.7 remarkably:1.5
genuinely:1.4 literally:1.3 way:1.3 hella:1.6 mega:1.6 ultra:1.6 more:1.1 always:1.1 even:1.1 beyond:1.3
a_bit:0.55 a_little:0.55 a_little_bit:0.5 bit:0.6 slightly:0.55 somewhat:0.65 kind_of:0.6 kinda:0.6 sort_of:0.6
sorta:0.6 fairly:0.75 rather:0.8 relatively:0.7 mildly:0.55 marginally:0.5 almost:0.7 barely:0.6 partly:0.6
`;

export const EN_LEXICON_SOURCE: LexiconSource = {
  valences: POSITIVE + NEGATIVE,
  negators: NEGATORS,
  negatedValence: NEGATED,
  intensifiers: INTENSIFIERS,
  contrast: 'but however though although_that yet nevertheless nonetheless except still_though that_said',
  concessive: 'although even_though despite',
  irrealis: "would would_be it'd_be it'd could should i_thought thought_it_would i_was_afraid i_feared i_was_worried i_expected_it_to i_assumed i_worried",
  scopeBreakers: 'and but however because since when if or though although',
};
