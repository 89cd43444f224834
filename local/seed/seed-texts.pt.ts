import type { LanguageTexts } from './seed-texts.js';

/** Portuguese (Brazil) building blocks: every text is opener + core + detail + closing, with slots filled. */
export const PT_TEXTS: LanguageTexts = {
  topics: {
    delivery: {
      subjects: ['Pedido atrasado', 'Entrega não realizada', 'Pedido {order}', 'Produto chegou quebrado'],
      openers: ['', 'Olá,', 'Boa tarde.', 'Bom dia!', 'Pessoal,'],
      cores: [
        'Meu pedido {order} ainda não chegou e o prazo de entrega venceu há {days} dias.',
        'Comprei {product} e a entrega está atrasada há {days} dias.',
        'O rastreio do pedido {order} está parado em {city} desde a semana passada.',
        'Recebi o pedido {order} com a caixa amassada e {product} quebrado.',
        'A transportadora marcou o pedido {order} como entregue, mas eu não recebi nada.',
        'Veio {product} errado no pedido {order}, pedi outra cor.',
      ],
      details: ['Já liguei duas vezes e ninguém resolve.', 'Estou muito decepcionado com a entrega.', 'Isso é um absurdo.', 'Preciso do produto com urgência.', 'É a segunda vez que isso acontece.', ''],
      closings: ['', 'Aguardo retorno.', 'Por favor, me ajudem.', 'Quero uma solução.'],
    },
    billing: {
      subjects: ['Cobrança indevida', 'Cobrança em duplicidade', 'Problema com a fatura', 'Estorno não realizado'],
      openers: ['', 'Olá,', 'Boa noite.', 'Prezados,'],
      cores: [
        'Fui cobrado duas vezes pelo pedido {order}, no valor de R$ {amount}.',
        'Apareceu na minha fatura uma cobrança de R$ {amount} que eu não reconheço.',
        'Cancelei o pedido {order} há {days} dias e o estorno de R$ {amount} ainda não caiu.',
        'O boleto veio com valor errado, R$ {amount} a mais do que o combinado.',
        'Continuo sendo cobrado pela assinatura mesmo depois de pedir o cancelamento.',
      ],
      details: ['Quero meu dinheiro de volta.', 'Isso é um desrespeito com o cliente.', 'Ninguém me explica o motivo.', 'Estou muito insatisfeito.', ''],
      closings: ['', 'Aguardo retorno urgente.', 'Por favor, corrijam.', 'Obrigado.'],
    },
    app: {
      subjects: ['Aplicativo travando', 'Erro no app', 'Não consigo fazer login', 'Bug no pagamento'],
      openers: ['', 'Oi,', 'Olá, equipe.'],
      cores: [
        'O aplicativo trava toda vez que eu tento finalizar a compra.',
        'Não consigo fazer login no app desde a última atualização.',
        'O app fecha sozinho quando abro a tela de pedidos.',
        'Dá erro no pagamento com cartão, a tela fica carregando e não sai disso.',
        'As notificações do aplicativo pararam de funcionar.',
      ],
      details: ['Já reinstalei e continua com o mesmo problema.', 'Uso um celular {device}.', 'Muito frustrante.', 'Perdi uma promoção por causa disso.', ''],
      closings: ['', 'Consertem isso, por favor.', 'Aguardo uma correção.'],
    },
    support: {
      subjects: ['Atendimento ruim', 'Sem resposta', 'Reclamação sobre o atendimento'],
      openers: ['', 'Olá.', 'Boa tarde,'],
      cores: [
        'Estou esperando uma resposta do atendimento há {days} dias.',
        'Fiquei quarenta minutos na espera do telefone e a ligação caiu.',
        'O atendente do chat encerrou a conversa sem resolver meu problema.',
        'Abri três chamados sobre o pedido {order} e ninguém respondeu.',
      ],
      details: ['Péssimo atendimento.', 'Muito decepcionante.', 'Vocês não respeitam o cliente.', 'Estou muito chateado.'],
      closings: ['', 'Espero um retorno.', 'Por favor, resolvam.'],
    },
    'praise-agent': {
      subjects: ['Agradecimento', 'Ótimo atendimento', 'Parabéns pelo atendimento'],
      openers: ['', 'Olá!', 'Boa tarde!'],
      cores: [
        'Quero agradecer o atendimento de {agent}, que resolveu tudo rapidinho.',
        'O atendimento de {agent} foi excelente, com muita educação e eficiência.',
        'Parabéns para {agent} pela paciência, me ajudou muito com o pedido {order}.',
        'Fui muito bem atendido por {agent}, resolveu meu problema na hora.',
      ],
      details: ['Adorei!', 'Atendimento nota dez.', 'Vocês estão de parabéns.', ''],
      closings: ['', 'Muito obrigado!', 'Obrigada!'],
    },
    'praise-product': {
      subjects: ['Elogio', 'Adorei a compra', 'Muito satisfeito'],
      openers: ['', 'Oi!', 'Olá,'],
      cores: [
        'Adorei {product}, chegou antes do prazo e bem embalado.',
        'A entrega foi super rápida, recebi em {days} dias.',
        'O aplicativo novo ficou ótimo, muito mais fácil de comprar.',
        'Excelente qualidade de {product}, superou minhas expectativas.',
      ],
      details: ['Recomendo a todos.', 'Vou comprar de novo com certeza.', 'Parabéns à equipe.', ''],
      closings: ['', 'Obrigado!', 'Continuem assim!'],
    },
    question: {
      subjects: ['Dúvida', 'Pergunta sobre o pedido', 'Informação', 'Dúvida sobre pagamento'],
      openers: ['', 'Olá,', 'Boa tarde,', 'Oi, tudo bem?'],
      cores: [
        'Como faço para trocar o endereço de entrega do pedido {order}?',
        'Vocês entregam em {city}? Qual é o prazo?',
        'É possível parcelar a compra no cartão em quantas vezes?',
        'Como eu emito a segunda via do boleto?',
        'Qual é o prazo para devolver {product}?',
        'Onde eu vejo a nota fiscal do pedido {order}?',
      ],
      details: ['', 'Preciso saber antes de fechar a compra.'],
      closings: ['', 'Aguardo.', 'Aguardo retorno.'],
    },
    suggestion: {
      subjects: ['Sugestão', 'Ideia para o app', 'Sugestão de melhoria'],
      openers: ['', 'Olá,', 'Oi, pessoal.'],
      cores: [
        'Seria ótimo se vocês tivessem opção de entrega no sábado.',
        'Sugiro colocar um modo escuro no aplicativo.',
        'Vocês poderiam aceitar pagamento por Pix parcelado.',
        'Seria bom poder agendar o horário da entrega.',
        'Poderiam avisar por WhatsApp quando o pedido sair para entrega.',
      ],
      details: ['', 'Acho que ajudaria muita gente.', 'Fica a sugestão.'],
      closings: ['', 'Obrigado!', 'Abraços.'],
    },
    other: {
      subjects: ['Contato', 'Atualização de cadastro', 'Informação'],
      openers: ['', 'Olá.', 'Bom dia.'],
      cores: [
        'Atualizei meu endereço no cadastro ontem.',
        'Recebi o e-mail de confirmação do pedido {order}.',
        'Mudei de cidade, agora moro em {city}.',
        'Estou enviando os dados que pediram para o pedido {order}.',
      ],
      details: [''],
      closings: ['', 'Att.'],
    },
  },
  fill: {
    products: ['o fone de ouvido', 'a cafeteira', 'o tênis', 'a mochila', 'o liquidificador', 'a luminária', 'o relógio', 'a camiseta'],
    cities: ['Campinas', 'Belo Horizonte', 'Curitiba', 'Recife', 'Porto Alegre', 'Salvador', 'Fortaleza', 'Goiânia'],
    devices: ['Android', 'iPhone', 'Samsung', 'Motorola'],
  },
  pii: ['Meu telefone é (11) 9{phone}.', 'Podem me responder no e-mail {email}.'],
  threats: ['Se não resolverem vou abrir reclamação no Procon.', 'Vou reclamar no Reclame Aqui.', 'Quero cancelar minha conta.'],
  survey: {
    positive: ['Atendimento excelente, resolveram rápido.', 'Gostei muito, problema resolvido.', 'Muito bom, obrigado pela atenção.', 'Equipe atenciosa e eficiente.'],
    neutral: ['Resolveram, mas demorou um pouco.', 'Ok, mas poderia ser mais rápido.', 'Atendimento razoável.'],
    negative: ['Demoraram demais para responder.', 'Não resolveram meu problema direito.', 'Péssimo, tive que reclamar várias vezes.', 'Muito lento e confuso.'],
  },
};
