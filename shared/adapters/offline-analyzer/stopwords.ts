/**
 * Function words per language (accents folded). Used for language evidence and to
 * cut key phrases.
 */

const PT_FUNCTION =
  'a o as os um uma uns umas de do da dos das no na nos nas em ao aos à às pelo pela pelos pelas por para pra pro ' +
  'com sem sob sobre entre ate desde e ou mas porem contudo todavia entretanto que se nao sim ja ainda tambem so ' +
  'muito muita muitos muitas pouco pouca mais menos bem mal tao tanto quanto como quando onde porque pq qual quais ' +
  'quem cujo esse essa esses essas este esta estes estas isso isto aquele aquela aquilo aqui ali la ai eu tu ele ela ' +
  'nos vos eles elas voce voces vc vcs me te lhe lhes meu minha meus minhas seu sua seus suas nosso nossa nossos ' +
  'nossas dele dela deles delas comigo contigo conosco sou e eh era foi foram fui ser sendo sido estou esta estava ' +
  'estavam estive esteve estao estar tenho tem tinha tive teve tiveram temos ter ha havia vou vai vamos vao ia iam ' +
  'fazer faz fez fiz feito pode posso podem poderia seria sao sera todo toda todos todas tudo nada algo alguem ' +
  'ninguem nenhum nenhuma outro outra outros outras mesmo mesma proprio apenas somente sempre nunca jamais agora ' +
  'hoje ontem amanha depois antes entao assim tipo ne ta to tb tbm q n mto mt dia dias vez vezes coisa coisas gente ' +
  'pessoal senhor senhora sr sra dona olá ola oi obrigado obrigada favor aí la cada qualquer quase ' +
  'numa num dum duma neste nesta nesse nessa naquele naquela desse dessa deste desta daquele daquela lo sido tao ' +
  'estamos estavamos fica ficou ficar fiquei ficamos achei acho acha achamos vi ver veio vem vieram dei deu dar ' +
  'quero queria gostaria preciso precisa precisei tentei tentando consegui disse falei falou sei sabe saber ' +
  'faco faz fazer trocar mudar alterar comprar compro comprei pagar paguei usar receber chegar pedir pedi ' +
  'resolver cancelar ligar liguei entrar sair abrir voltar deixar levar colocar ajudar saber possivel outro';

const EN_FUNCTION =
  'a an the and or but so if then than that this these those there here of to in on at by for with without from ' +
  'into onto about over under after before since until up down out off again just only also too very really quite ' +
  'i me my mine myself we us our ours you your yours he him his she her it its they them their what which who whom ' +
  'whose when where why how all any both each few more most other some such no nor not own same can will would ' +
  "could should shall may might must do does did done doing is am are was were be been being have has had having " +
  "i'm i've i'd i'll you're you've we're we've they're it's that's there's don't didn't doesn't isn't wasn't " +
  "aren't weren't can't couldn't won't wouldn't haven't hasn't hadn't let's get got getting go went going gone " +
  'make made one two ever still yet even much many lot lots thing things something anything everything nothing ' +
  'someone anyone everyone nobody anybody today yesterday tomorrow now day days time times week weeks month months ' +
  'hi hello hey please thanks thank dear regards guys guy like want wanted need needed tried try said say told tell ' +
  'know knew think thought see saw seem seems seemed came come took take gave give put keep kept ' +
  'change reset work works add use buy pay fix find found set cancel call called possible another bit able ' +
  'let help send sent receive received look looks looked feel felt wish hope love like';

function toSet(list: string): ReadonlySet<string> {
  return new Set(list.split(/\s+/).filter((w) => w.length > 0));
}

export const STOPWORDS: Readonly<Record<string, ReadonlySet<string>>> = {
  pt: toSet(PT_FUNCTION),
  en: toSet(EN_FUNCTION),
};

/**
 * Words that are frequent in one language and rare in the others, for telling
 * short texts apart (folded accents, informal spellings kept).
 */
export const LANGUAGE_MARKERS: Readonly<Record<string, ReadonlySet<string>>> = {
  pt: toSet(
    'o os um uma do da dos das no na nos nas em ao pelo pela com nao e eh foi muito mto mt voce voces vc vcs ' +
      'pq q n tb tbm td nd mas porem isso esse essa meu minha seu sua ja tambem ainda quando onde como ' +
      'obrigado obrigada esta estou estava tem tenho nunca nada ninguem ate agora hoje ontem pra para por ' +
      'que se sem mais ser ter fazer coisa gente aqui bom boa otimo ruim pessimo kkk kkkk kkkkk aff ' +
      'voces entrega atendimento produto pedido loja ele ela eles elas vou vai sao seria gostaria queria ' +
      'muita pouco dia vez tudo bem mal demais nossa cade ne ta to tava fiquei ficou chegou veio valeu ' +
      'sim nada obrigado solicitacao atualizacao endereco pagamento conta cadastro troca preciso favor',
  ),
  en: toSet(
    'the a an and of to in on at for with is are was were be been it its this that my your our their ' +
      "i you we they he she not no never don't didn't doesn't isn't wasn't can't won't i'm i've it's " +
      "that's dont didnt cant im ive but so very really just still what how why when where which who " +
      'do does did have has had will would could should can get got from about after again all any ' +
      'thanks thank please pls u ur lol omg great good bad terrible order service customer delivery ' +
      'there here out up by as if or than too also even ever here now today nothing something everything anything ' +
      'via request change add new need want help account payment support update address submitted sent received ' +
      'my order refund charged please thanks hi hello yes okay ok which should would their them its it\'s',
  ),
  es: toSet(
    'el los las del y es muy pero con una unos por para que lo le les su sus esta estoy fue nada ' +
      'gracias hola tambien porque cuando donde como pero mi tengo tiene hay muy bien mal nunca ya ' +
      'pedido producto servicio llego usted ustedes nadie sin',
  ),
  fr: toSet(
    'le la les un une des du de et est sont pas ne je tu il elle nous vous ils avec pour sur dans ' +
      'mais tres merci bonjour mon ma mes votre vos ce cette ces qui que jamais rien commande',
  ),
  de: toSet(
    'der die das ein eine und ist sind nicht ich du er sie wir ihr mit fur auf in zu aber sehr ' +
      'danke hallo mein meine ihre kein keine nie bestellung ist war',
  ),
  it: toSet(
    'il lo la gli le un una e di del della che non per con sono sei ma molto grazie ciao mio mia ' +
      'questo questa ordine mai niente',
  ),
};
