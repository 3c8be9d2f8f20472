export default { handler: './fine-handler.mjs#handler', source: 'sns', runs: 20 };
