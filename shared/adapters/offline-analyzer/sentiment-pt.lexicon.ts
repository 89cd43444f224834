/**
 * Brazilian Portuguese sentiment lexicon (accents folded, lower case). Valences
 * roughly -4..4. `stem*` matches inflected forms; `a_b` is a multi-word phrase.
 * General customer-service vocabulary, not tied to any one business.
 */
import type { LexiconSource } from './lexicon-builder.js';

const POSITIVE = `
otimo:3 otima:3 otimos:3 otimas:3 excelente:3.2 excelentes:3.2 excelencia:2.5 maravilh*:3.2 perfeit*:3 incrivel:3
incriveis:3 fantastic*:3 sensaciona*:3 espetacula*:3 show:2 top:2.2 demais:1.8 bom:2 boa:2 bons:2 boas:2 legal:2
legais:2 bacana:2 bacanas:2 lind*:2.5 bonit*:2 gostos*:2.5 delicios*:3 saboros*:2.5 adorei:3 adoro:3 adoramos:3
adorou:3 adoraram:3 adorando:3 amei:3 amo:3 amamos:3 amou:3 amaram:3 amando:3 apaixonad*:3 encantad*:3 gostei:2
gostamos:2 gostou:2 gostaram:2 curti:2 curtimos:2 curtiu:2 recomendo:2.5 recomendamos:2.5 recomendad*:2 indico:2
parabens:2.5 parabeniz*:2.5 agradec*:1.3 grato:1.5 grata:1.5 gratidao:2 obrigad*:0.8 satisfeit*:2.2 satisfacao:1.5
feliz:2.5 felizes:2.5 felicidade:2.5 content*:2 rapid*:2 rapidez:2 agil:2 agilidade:2 eficient*:2.5 eficiencia:2.5
eficaz:2 pontua*:2 atencios*:2.5 educad*:2 simpatic*:2.5 simpatia:2 prestativ*:2.5 gentil:2.5 gentis:2.5
gentileza:2.5 cordia*:2 caprichad*:2.5 capricho:2 impecave*:3 limpo:1.5 limpa:1.5 limpinho:2 confortave*:2
conforto:1.5 aconchegante:2 tranquil*:1.5 facil:1.5 faceis:1.5 facilidade:1.5 pratic*:1.5 intuitiv*:2 resolveu:1.5
resolveram:1.5 resolvido:1.2 resolvida:1.2 solucionad*:1.5 ajudou:1.2 ajudaram:1.2 salvou:2.2 superou:2.5
superaram:2.5 inesquecive*:3 vale_a_pena:2.5 valeu_a_pena:2.8 valeu:1.5 qualidade:0.6 barat*:0.8 acessive*:1
justo:1 justa:1 confiave*:2 confianca:1.5 honest*:2 transparen*:1.5 competen*:2 dedicad*:2 cuidados*:2 carinh*:2.5
acolhe*:2.2 acolhimento:2.2 beleza:1.5 sucesso:2 melhor:2 melhores:2 melhorou:2 melhoraram:2 genial:3 geniais:3
nota_10:3 nota_dez:3 nota_mil:3 5_estrelas:2.5 cinco_estrelas:2.5 show_de_bola:3 mandou_bem:2.5 mandaram_bem:2.5
arrasou:3 arrasaram:3 de_primeira:2 fof*:2 quentinh*:1.5 fresquinh*:1.5 cheiros*:2 macio:1.5 macia:1.5
resistente:1.5 durave*:1.5 util:1.5 uteis:1.5 agradave*:2 prazer:1.5 elogi*:2 certinho:1.5 certinha:1.5
tudo_certo:1.5 deu_certo:2 deu_tudo_certo:2.5 funcionou_direitinho:2.5 alivio:1.5 surpreend*:1.5 expectativas:0.3
superou_as_expectativas:3 superou_minhas_expectativas:3 impressionad*:2.5 impressionante:2.5 divertid*:2.5
animad*:2 seguro:0.5 estavel:1 organizad*:2 organizacao:1 profissionalismo:2.5 atenciosamente:0 cuidadosa:2
cuidadoso:2 caprichou:2.5 eficientes:2.5 maravilha:3 sensacao:0 nota_maxima:3 voltarei:2 volto_com_certeza:2.5
com_certeza_voltarei:2.5 fidelizad*:2 fiel:1.5 amavel:2.5 amaveis:2.5 excepciona*:3 brilhante*:3 incrivelmente:1.5
deliciosa:3 tops:2 topzera:2.5 demais_da_conta:2.5 sem_palavras:1.5 abencoad*:2 obrigadao:1.5 feliz_da_vida:3
mto_bom:2.5 tao_bom:2.5 excelentissim*:3.5 eficazes:2 incomparave*:2.5 ideal:1.5 rapidinho:2 rapidinha:2
pontualidade:2 simples:0.5 claro:0.3 claros:0.3 clara:0.3 bem_feito:2 bem_feita:2 bem_atendid*:2.5 bem_embalad*:2
bem_tratad*:2.5 bem_resolvid*:2 vale_cada_centavo:3 atendeu_minhas_expectativas:2 gostosa:2.5 saborosa:2.5
bom_dia:0 boa_tarde:0 boa_noite:0 tudo_bem:1.2 cumpriu:1.5 cumpriram:1.5 cumpre:1 cumprem:1 querid*:2.5
volta_sempre:2 voltamos_sempre:2 voltaremos:2 voltaria:1.5 sem_duvida:0.5 resolvem:1.2 resolve:0.8 rapidamente:1.5
`;

const NEGATIVE = `
ruim:-2.5 ruins:-2.5 pessim*:-3.5 horrive*:-3.5 horroros*:-3.5 terrive*:-3.5 pior:-3 piores:-3 piorou:-2.5
lixo:-3 porcaria:-3 palhacada:-3 absurd*:-3 vergonh*:-3 ridicul*:-3 decepcion*:-3 decepcao:-3 frustr*:-2.5
insatisf*:-2.5 irritad*:-2.5 irritante:-2.5 revolt*:-3 indignad*:-3 indignacao:-3 chatead*:-2 chato:-1.5 chata:-1.5
triste:-2 tristeza:-2 raiva:-3 nervos*:-2 descaso:-3 desrespeit*:-3 abuso:-2.5 abusiv*:-2.5 golpe:-2 fraude:-3
enganad*:-3 enganos*:-3 mentir*:-2.5 mentira*:-2.5 enrola*:-2.5 enrolacao:-2.5 descarad*:-3 incompeten*:-3
demor*:-2 demorad*:-2 atras*:-2 atras:0 lent*:-2 lente:0 lentes:0 lentidao:-2.2 trava:-2 travou:-2.2 travando:-2.2
travam:-2 travad*:-2 travamento*:-2 travaram:-2 quebr*:-2.5 defeit*:-2.5 danific*:-2.5 amassad*:-2 riscad*:-1.5
rasgad*:-2 trincad*:-2 vazand*:-2 vazou:-2 vazamento:-2 estragad*:-2.5 estragou:-2.5 podre:-3 vencid*:-2 suj*:-2.5
sujeira:-2.5 fedor:-2.5 fedid*:-2.5 barulhent*:-2 barulho:-1.5 caro:-1.5 caros:-1.5 carissim*:-2.5 salgad*:-1.2
problema:-1.5 problemas:-1.5 problematic*:-2 erro:-1.5 erros:-1.5 errad*:-2 errou:-2 erraram:-2 falha*:-2
falhou:-2 bug:-1.5 bugs:-1.5 bugad*:-2 instave*:-2 instabilidade:-2 fora_do_ar:-2.5 sem_sinal:-2 reclam*:-1.5
procon:-2.5 reclame_aqui:-2 processar:-1.5 cancel*:-0.4 cobranca_indevida:-3 cobrancas_indevidas:-3
indevid*:-2.5 cobrado_duas_vezes:-2.5 cobraram_duas_vezes:-2.5 cobranca_em_dobro:-2.5 cobrado_em_dobro:-2.5
estorno:-0.8 reembolso:-0.6 devolucao:-0.6 dinheiro_de_volta:-2 chargeback:-2 fila:-1 fila_de_espera:-1.5
espera:-0.6 esperando:-1 esperei:-1.2 esperamos:-1 aguardando:-1 ate_agora:-1.2 ate_hoje:-1 ate_o_momento:-1
transtorno*:-2 prejuizo*:-2.5 dor_de_cabeca:-2.5 perdi:-1.5 perderam:-2 perdeu:-1.5 perdid*:-1.5 sumiu:-2
sumiram:-2 extravi*:-2.5 grosseir*:-3 grosso:-2 grossa:-2 mal_educad*:-3 mal_atendid*:-2.5 mal:-1.5 ma:-2 mau:-2
estressante:-2.5 estresse:-2 cansativ*:-2 confus*:-1.5 complicad*:-1.5 dificil:-1.5 dificeis:-1.5 dificuldade*:-1.5
impossivel:-2 inutil:-2.5 inuteis:-2.5 desorganiz*:-2.5 bagunca*:-2 caos:-2.5 caotic*:-2.5 pesadelo:-3 inferno:-3
humilh*:-3 constrang*:-2.5 ignorad*:-2.5 ignoram:-2.5 ignoraram:-2.5 desligou_na_minha_cara:-3 na_minha_cara:-2
piada:-2.5 lamentave*:-3 deploravel:-3 inaceitave*:-3 inadmissive*:-3 fraco:-2 fraca:-2 fracos:-2 fracas:-2
mediocre:-2.5 deixa_a_desejar:-2.5 deixou_a_desejar:-2.5 deixam_a_desejar:-2.5 dinheiro_jogado_fora:-3
jogar_dinheiro_fora:-3 arrepend*:-2.5 nunca_mais:-2.5 que_fase:-2 aff:-2 affs:-2 argh:-2 pqp:-3 merda:-3 bosta:-3
droga:-1.5 sacanagem:-3 zoad*:-2 tenso:-1.5 osso:-1 cade:-1.2 socorro:-0.5 urgente:-0.8 urgencia:-1
descumpr*:-2.5 bloquead*:-1.2 negad*:-1.5 recusad*:-1.5 cortad*:-1.2 queda:-1.5 quedas:-1.5 oscila*:-1.5
caindo:-1.5 infiltracao:-2 mofo:-2 mofad*:-2 inseto*:-2 barata:0 intoxica*:-3 passei_mal:-3 passamos_mal:-3
enjoo:-2 dor:-1.5 dores:-1.5 doeu:-1.5 doi:-1.5 machuc*:-2 faltou:-1.5 faltando:-1.5 falta_de:-1.5 faltam:-1.2
incomod*:-2 infelizmente:-1.5 lamento:-0.8 cansei:-2 desisti:-2 nao_aguento_mais:-3 saco_cheio:-3 perda_de_tempo:-3
tempo_perdido:-2.5 odeio:-3.5 odiei:-3.5 detestei:-3.5 detesto:-3 nojo:-3.5 nojent*:-3.5 horror:-3 bizarr*:-2
vergonhoso:-3 negligen*:-3 irresponsa*:-3 falta_de_respeito:-3 falta_de_educacao:-3 falta_de_compromisso:-3
descontente:-2.5 furios*:-3.5 puto:-3 puta:-2 estressad*:-2.5 preocupad*:-1.5 preocupante:-2 decepcionante:-3
abandonad*:-2 largad*:-2 descuidad*:-2.5 pessimamente:-3 empurra_empurra:-2.5 jogo_de_empurra:-2.5
sem_solucao:-2.5 sem_resposta:-2 sem_retorno:-2 sem_aviso:-2 sem_previsao:-2 sem_explicacao:-2 sem_condicoes:-2.5
mais_uma_vez:-0.8 pela_terceira_vez:-1.5 pela_segunda_vez:-1.2 toda_vez:-0.8 sempre_a_mesma_coisa:-2.5 que_absurdo:-3
nem_pensar:-1.5 de_jeito_nenhum:-1.5 vcs_sao_uma_piada:-3 vergonha_alheia:-3 cuidado_com:-1.5 fujam:-3 evitem:-2.5
nao_comprem:-3 pessima_experiencia:-1 demorou_demais:-1 sem_sucesso:-2 em_vao:-2 nada_feito:-2 e_nada:-1.5
continua_com_problema:-2 continua_sem:-2 mesmo_problema:-1.5 de_novo:-0.5 outra_vez:-0.5 infernal:-3 insuportave*:-3
precario:-2.5 precaria:-2.5 ultrapassad*:-1.5 desatualizad*:-1.5 burocr*:-1.8 demorada:-2 sem_nocao:-2.5 mal_feito:-2.5 mal_feita:-2.5 mal_acabad*:-2.5 duvidos*:-1.5 suspeit*:-1.5 cobrando:-0.5
reajuste_abusivo:-3 taxa_abusiva:-3 juros_abusivos:-3 multa:-1 lotad*:-1.5 apertad*:-1.2 gelad*:0 fria:-0.8 frio:-0.5
queimad*:-1.5 cru:-1.5 crua:-1.5 insoss*:-2 sem_gosto:-2 sem_sabor:-2 pequeno_demais:-1.5 carissimo:-2.5
pena_que:-2 uma_pena:-2 que_pena:-2 falsificad*:-2.5 falso:-1.5 falsa:-1.5 pirata:-2 o_caramba:-1.5
duplicad*:-2 mais_caro:-1.5 mais_cara:-1.5 nem_tanto:-1 furad*:-1.5 ate_quando:-2 e_serio:-1.2 como_assim:-1.2
subiu:-1 aumentou:-0.8 cobraram:-1 cobrou:-1 nao_existe:-1.5
como_funciona:0 nada_a_reclamar:1.8 nada_para_reclamar:1.8 funciona:0.6 funcionam:0.6 funcionou:0.8 finalmente:0.4
energia_caiu:-2 internet_caiu:-2 sistema_caiu:-2 site_caiu:-2 app_caiu:-2 ligacao_caiu:-2 caiu_a_ligacao:-2
caiu_a_internet:-2 caiu_a_energia:-2 a_ligacao_cai:-2 sem_energia:-2 sem_internet:-2 nada_demais:-0.3 nada_de_especial:-0.3 regular:-0.3 mediano:-0.5 mediana:-0.5 razoavel:0.4 ok:0.3
suspens*:-1.2 recomendaria:2.5 nao_recomendaria:-2.5 diferente_do_anunciado:-2 diferente_do_pedido:-2
enganacao:-3 engana:-2.5 enganou:-2.5 enganaram:-2.5 ladroes:-3.5 ladrao:-3.5 roubo:-3 roubad*:-3 roubaram:-3
`;

const NEGATORS = `nao nunca jamais nem sem nenhum nenhuma ninguem nada tampouco`;

/** Expected-good words: neutral alone, negative when negated ("não chegou"). */
const NEGATED = `
chegou:-2 chegaram:-2 chega:-1.5 chegam:-1.5 chegado:-1.5 entregue:-2 entregaram:-2 entregou:-2 entregam:-1.5
funciona:-2.2 funcionou:-2.2 funcionam:-2 funcionando:-2 funcionaram:-2 resolve:-2 resolvem:-2 resolveu:-2.2
resolveram:-2.2 resolvido:-2 resolvida:-2 resolver:-1.5 responde:-2 respondeu:-2 responderam:-2 respondem:-2
resposta:-2 retorno:-2 retornaram:-2 retornou:-2 retornam:-2 atende:-2 atendeu:-2 atendem:-2 atenderam:-2
apareceu:-2 aparece:-1.5 apareceram:-2 recebi:-1.8 recebido:-1.5 recebemos:-1.8 recebeu:-1.5 liberaram:-1.5
liberou:-1.5 consigo:-1.8 consegui:-1.8 conseguimos:-1.8 conseguindo:-1.8 conseguiu:-1.5 abre:-1.8 abriu:-1.5
carrega:-1.5 carregou:-1.5 solucao:-2.2 solucionaram:-2 ajuda:-1.5 ajudou:-1.8 ajudaram:-1.8 ajudam:-1.5
aviso:-1.5 avisaram:-1.8 avisou:-1.5 sinal:-1.5 internet:-1.5 luz:-1.5 energia:-1.5 agua:-1.2 previsao:-2
cumpriu:-2 cumprem:-2 cumprido:-2 cumpriram:-2 presta:-2.5 prestam:-2.5 serve:-1.8 serviu:-1.8 vale:-2
explicacao:-1.5 informacao:-1.2 informacoes:-1.2 contato:-1 ligaram:-1.5 ligou:-1.2 volta:-1 voltou:-1.5
estorno:-2 reembolso:-2 devolveram:-2 devolveu:-2 pagaram:-1.5 compensou:-1.5 respeitam:-2 respeitaram:-2
existe:-1.5 existem:-1.5 sabe:-0.8 sabem:-1 souberam:-1.5 sucesso:-2 andamento:-1.5 atualizacao:-1 acesso:-1.5 acessar:-1.5 logar:-1.5
`;

const INTENSIFIERS = `
muito:1.5 muita:1.5 muitos:1.3 muitas:1.3 super:1.6 mega:1.6 hiper:1.6 ultra:1.6 extremamente:1.8 bastante:1.4
tao:1.5 totalmente:1.6 completamente:1.6 absolutamente:1.7 realmente:1.4 simplesmente:1.3 demasiado:1.5
bem:1.3 mais:1.2 sempre:1.1 incrivelmente:1.7 altamente:1.6 pouco:0.6 meio:0.6 um_pouco:0.55 um_pouquinho:0.5
levemente:0.6 ligeiramente:0.6 razoavelmente:0.7 quase:0.7 relativamente:0.7 um_tanto:0.7 beem:1.6 demasiadamente:1.6 excessivamente:1.6 tremendamente:1.8 profundamente:1.7 mo:1.4
`;

export const PT_LEXICON_SOURCE: LexiconSource = {
  valences: POSITIVE + NEGATIVE,
  negators: NEGATORS,
  negatedValence: NEGATED,
  intensifiers: INTENSIFIERS,
  contrast: 'mas porem contudo entretanto todavia no_entanto so_que mesmo_assim ainda_assim',
  concessive: 'apesar embora apesar_de apesar_do apesar_da mesmo_que ainda_que',
  irrealis: 'seria seriam ia_ser poderia poderiam podia podiam deveria deveriam gostaria achei_que pensei_que imaginei_que jurava_que tinha_medo_de tinha_medo_que achei_q pensei_q',
  scopeBreakers: 'e mas porem porque pois quando se ou',
};
