import type { LanguageTexts } from './seed-texts.js';

/** English building blocks: every text is opener + core + detail + closing, with slots filled. */
export const EN_TEXTS: LanguageTexts = {
  topics: {
    delivery: {
      subjects: ['Late order', 'Order not delivered', 'Order {order}', 'Item arrived damaged'],
      openers: ['', 'Hi,', 'Hello,', 'Good afternoon.'],
      cores: [
        'My order {order} still has not arrived and it is {days} days past the delivery date.',
        'I bought {product} and the delivery is {days} days late.',
        'Tracking for order {order} has been stuck in {city} since last week.',
        'Order {order} arrived with a crushed box and {product} broken.',
        'The courier marked order {order} as delivered but I never received it.',
      ],
      details: ['I have called twice and nobody fixes it.', 'Really disappointed with the delivery.', 'This is unacceptable.', 'I need it urgently.', 'This is the second time this happens.', ''],
      closings: ['', 'Waiting for your reply.', 'Please help.', 'I want this sorted out.'],
    },
    billing: {
      subjects: ['Wrong charge', 'Charged twice', 'Invoice problem', 'Refund missing'],
      openers: ['', 'Hi,', 'Hello,'],
      cores: [
        'I was charged twice for order {order}, ${amount} each time.',
        'There is a charge of ${amount} on my statement that I do not recognize.',
        'I cancelled order {order} {days} days ago and the ${amount} refund still has not arrived.',
        'I keep getting billed for the subscription after cancelling it.',
        'The invoice shows ${amount} more than the price I was quoted.',
      ],
      details: ['I want my money back.', 'Nobody explains why.', 'Very frustrating.', 'Terrible experience.', ''],
      closings: ['', 'Please fix this.', 'Thanks.', 'Waiting for an answer.'],
    },
    app: {
      subjects: ['App crashing', 'Login error', 'Payment bug', 'App problem'],
      openers: ['', 'Hi team,', 'Hello,'],
      cores: [
        'The app crashes every time I try to check out.',
        'I cannot log in to the app since the last update.',
        'The app closes by itself when I open my orders.',
        'Card payment fails, the screen keeps loading forever.',
        'Push notifications stopped working in the app.',
      ],
      details: ['I reinstalled it and the problem is still there.', 'I am on {device}.', 'So annoying.', 'I missed a sale because of this.', ''],
      closings: ['', 'Please fix it.', 'Hoping for a fix soon.'],
    },
    support: {
      subjects: ['Poor service', 'No answer', 'Complaint about support'],
      openers: ['', 'Hello.', 'Hi,'],
      cores: [
        'I have been waiting {days} days for an answer from support.',
        'I was on hold for forty minutes and then the call dropped.',
        'The chat agent closed the conversation without solving my problem.',
        'I opened three tickets about order {order} and nobody answered.',
      ],
      details: ['Awful service.', 'Very disappointing.', 'You do not respect your customers.', 'I am really upset.'],
      closings: ['', 'Please get back to me.', 'Sort this out, please.'],
    },
    'praise-agent': {
      subjects: ['Thank you', 'Great service', 'Kudos to your team'],
      openers: ['', 'Hi!', 'Hello!'],
      cores: [
        'I want to thank {agent}, who was very helpful and solved everything quickly.',
        '{agent} was excellent, friendly and efficient.',
        'Kudos to {agent} for the patience, it really helped with order {order}.',
        'Great support from {agent}, my problem was fixed on the spot.',
      ],
      details: ['Loved it!', 'Top service.', 'Well done.', ''],
      closings: ['', 'Thanks a lot!', 'Thank you!'],
    },
    'praise-product': {
      subjects: ['Compliment', 'Love it', 'Very happy'],
      openers: ['', 'Hi!', 'Hello,'],
      cores: [
        'I love {product}, it arrived early and well packed.',
        'Super fast delivery, I got it in {days} days.',
        'The new app is great, shopping is much easier now.',
        'Excellent quality, {product} exceeded my expectations.',
      ],
      details: ['Highly recommend.', 'I will definitely buy again.', 'Great job, team.', ''],
      closings: ['', 'Thanks!', 'Keep it up!'],
    },
    question: {
      subjects: ['Question', 'Question about my order', 'Information', 'Payment question'],
      openers: ['', 'Hi,', 'Hello,'],
      cores: [
        'How do I change the delivery address for order {order}?',
        'Do you deliver to {city}? How long does it take?',
        'Can I pay in installments with a credit card?',
        'How do I get a copy of my invoice for order {order}?',
        'What is the return window for {product}?',
        'Where can I see the status of order {order}?',
      ],
      details: ['', 'I need to know before I order.'],
      closings: ['', 'Regards.'],
    },
    suggestion: {
      subjects: ['Suggestion', 'Idea for the app', 'Feature request'],
      openers: ['', 'Hi,', 'Hello team,'],
      cores: [
        'It would be great if you offered Saturday delivery.',
        'I suggest adding a dark mode to the app.',
        'You could let us schedule the delivery time.',
        'Please consider sending a text message when the order ships.',
        'It would be nice to save more than one card in the app.',
      ],
      details: ['', 'I think it would help a lot of people.', 'Just an idea.'],
      closings: ['', 'Thanks!', 'Cheers.'],
    },
    other: {
      subjects: ['Contact', 'Account update', 'Information'],
      openers: ['', 'Hello.', 'Hi.'],
      cores: [
        'I updated my address in my account yesterday.',
        'I received the confirmation email for order {order}.',
        'I moved, I now live in {city}.',
        'Sending the details you asked for order {order}.',
      ],
      details: [''],
      closings: ['', 'Regards.'],
    },
  },
  fill: {
    products: ['the headphones', 'the coffee maker', 'the sneakers', 'the backpack', 'the blender', 'the desk lamp', 'the watch', 'the t-shirt'],
    cities: ['Austin', 'Denver', 'Toronto', 'Manchester', 'Dublin', 'Seattle', 'Boston', 'Leeds'],
    devices: ['an Android phone', 'an iPhone', 'a Pixel', 'a Galaxy tablet'],
  },
  pii: ['You can reach me at {email}.', 'My phone is +44 7700 900{phone3}.'],
  threats: ['If this is not solved I will take legal action.', 'I will dispute the charge with my bank.', 'I want to cancel my subscription.'],
  survey: {
    positive: ['Great service, solved quickly.', 'Very happy, problem solved.', 'Friendly and efficient team, thanks.', 'Excellent support.'],
    neutral: ['Solved, but it took a while.', 'Ok, could be faster.', 'Average service.'],
    negative: ['Took far too long to answer.', 'My problem was not really solved.', 'Awful, I had to complain several times.', 'Slow and confusing.'],
  },
};
